import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../config.ts';
import { generatePiiKey } from './pii.ts';

export interface ResolvedKey {
  key: string;
  /** Where the key came from, so start-up can say so (a generated key must be backed up). */
  source: 'config' | 'data-dir' | 'generated';
  file?: string;
}

/**
 * The personal-data key comes from MINQING_PII_KEY. Only the embedded (single-machine) mode may
 * fall back to a key file in its data directory, generated on first start; PostgreSQL deployments
 * must configure the key, because several servers must share it.
 */
export function resolvePiiKey(config: Config): ResolvedKey {
  if (config.piiKey) return { key: config.piiKey, source: 'config' };
  if (config.database.kind === 'postgres') {
    throw new ConfigError(
      'MINQING_PII_KEY is required with DATABASE_URL (32 random bytes, base64: `openssl rand -base64 32`).',
    );
  }
  const file = path.join(config.dataDir, 'secrets', 'pii.key');
  if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), source: 'data-dir', file };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = generatePiiKey();
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated', file };
}

/**
 * The audit key (32 bytes): MINQING_AUDIT_KEY when set, otherwise derived (HKDF) from the
 * personal-data key, so one secret still suffices. Either way it lives outside the database: a
 * database writer without it cannot forge the audit log's MACs.
 */
export function resolveAuditKey(config: Config): Buffer {
  if (config.audit.key) return Buffer.from(config.audit.key, 'base64');
  const pii = Buffer.from(resolvePiiKey(config).key, 'base64');
  return Buffer.from(crypto.hkdfSync('sha256', pii, Buffer.alloc(0), 'minqing/audit/key/v1', 32));
}
