import type { PiiCipher } from '../../crypto/pii.ts';

/**
 * Keyed hashes decide whether personal data changed: the ciphertext has a random IV, so
 * comparing it says nothing, and re-encrypting an unchanged value would rewrite it for nothing.
 */
export const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

export function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.compare(a, b) === 0;
}

export function hashOf(cipher: PiiCipher, plain: string | null): Buffer | null {
  return plain === null ? null : Buffer.from(cipher.hash(plain));
}

/**
 * The `prepare` step of an import whose records carry one phone: its keyed hash, deterministic,
 * so computed once a batch outside the transaction.
 */
export function hashPhones<V extends { phoneHash: Buffer | null }>(
  cipher: PiiCipher,
  phoneOf: (record: V) => string | null,
): (batch: readonly V[]) => void {
  return (batch) => {
    for (const v of batch) v.phoneHash = hashOf(cipher, phoneOf(v));
  };
}

/** An encrypted column's next value: only when its hash changed is it encrypted again. */
export interface SealedChange {
  changed: boolean;
  enc: Buffer | null;
  hash: Buffer | null;
}

export function sealIfChanged(
  cipher: PiiCipher,
  existingHash: Uint8Array | null,
  plain: string | null,
  hash: Buffer | null,
): SealedChange {
  if (sameBytes(existingHash, hash)) return { changed: false, enc: null, hash: null };
  return { changed: true, enc: plain === null ? null : Buffer.from(cipher.encrypt(plain)), hash };
}
