import crypto from 'node:crypto';

/**
 * Encryption of personal data at rest (docs/specs/trust.md §13): AES-256-GCM for the value, HMAC-SHA256
 * beside it for exact lookup. Both keys are derived from one 32-byte master key with HKDF, so an
 * operator manages a single secret. The hash input is normalised (trimmed, upper-case) so that
 * "33010919900101123x" and "33010919900101123X" find the same person.
 */
export interface PiiCipher {
  encrypt(plain: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
  hash(plain: string): Uint8Array;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

// KeyObjects are made once: passing raw Buffers makes Node rebuild a key object on every call,
// which dominated the cost of encrypting a street's worth of records.
function derive(master: Buffer, info: string): crypto.KeyObject {
  return crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32)));
}

export function createPiiCipher(masterKeyBase64: string): PiiCipher {
  const master = Buffer.from(masterKeyBase64, 'base64');
  if (master.length !== 32) throw new Error('The personal-data key must be 32 bytes (base64-encoded).');
  const encKey = derive(master, 'minqing/pii/aes-256-gcm/v1');
  const macKey = derive(master, 'minqing/pii/hmac-sha256/v1');
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const buf = Buffer.from(sealed);
      if (buf[0] !== VERSION) throw new Error('Unknown personal-data ciphertext version');
      const iv = buf.subarray(1, 1 + IV_BYTES);
      const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
    hash(plain) {
      return crypto.createHmac('sha256', macKey).update(plain.trim().toUpperCase(), 'utf8').digest();
    },
  };
}

export function generatePiiKey(): string {
  return crypto.randomBytes(32).toString('base64');
}
