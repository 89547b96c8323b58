import { createHash, randomBytes } from 'node:crypto';
import { parseStatusToken } from '../../../shared/domain/resident-status.ts';

/** 18 random bytes: 144 bits, 24 base64url characters (no padding). */
const SECRET_BYTES = 18;

/**
 * A new status link token: the district code, then the secret part. The district code is not
 * secret; it only routes the lookup to one district's rows (Citus distributes by it).
 */
export function newStatusToken(districtCode: string): { token: string; hash: Buffer } {
  const token = `${districtCode}-${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { token, hash: statusTokenHash(token) };
}

/** What the table keeps of a token: a plain SHA-256 suffices for 144 random bits (no dictionary to try). */
export function statusTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The district and hash to look a token up by, or null for anything not shaped like a token. */
export function statusTokenKey(token: string): { districtCode: string; hash: Buffer } | null {
  const parsed = parseStatusToken(token);
  return parsed ? { districtCode: parsed.districtCode, hash: statusTokenHash(token) } : null;
}
