import { createHash, randomBytes } from 'node:crypto';
import { OPEN311_KEY_PATTERN } from '../../../shared/domain/open311.ts';

/**
 * A new API key: the district code (so a request finds its client in one district), a dot and 32
 * random bytes. Only the SHA-256 is kept: with 256 random bits a plain hash cannot be reversed by
 * trying keys, and it needs no secret of its own.
 */
export function newApiKey(districtCode: string): { key: string; hash: Uint8Array } {
  const key = `${districtCode}.${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): Uint8Array {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The district a key names, or null for anything that is not a key's shape. */
export function districtOfKey(key: string): string | null {
  return OPEN311_KEY_PATTERN.exec(key)?.[1] ?? null;
}
