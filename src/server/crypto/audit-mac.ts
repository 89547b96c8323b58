import crypto from 'node:crypto';

/**
 * The keyed MACs of the audit log (docs/specs/trust.md §11). A row's hash is HMAC-SHA256 over the previous
 * row's hash and the row, and each checkpoint of a chain's head written outside the database is
 * signed the same way, so someone who can write to the database but does not hold the key can
 * neither edit, forge nor re-chain rows, nor cut the log back behind a checkpoint unnoticed. Rows
 * and checkpoints use separate keys derived (HKDF) from one 32-byte audit key.
 */
export interface AuditMac {
  /** MAC of a row: `prev` is the previous row's hash, `body` the row's canonical JSON. */
  row(prev: Uint8Array, body: string): Buffer;
  /** MAC of a checkpoint's canonical JSON. */
  checkpoint(body: string): Buffer;
}

const derive = (master: Uint8Array, info: string) =>
  crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32)));

export function createAuditMac(master: Uint8Array): AuditMac {
  if (master.length !== 32) throw new Error('The audit key must be 32 bytes.');
  // KeyObjects are made once, so each append costs one HMAC and no key set-up.
  const rowKey = derive(master, 'minqing/audit/row-hmac-sha256/v1');
  const checkpointKey = derive(master, 'minqing/audit/checkpoint-hmac-sha256/v1');
  return {
    row: (prev, body) => crypto.createHmac('sha256', rowKey).update(prev).update(body, 'utf8').digest(),
    checkpoint: (body) => crypto.createHmac('sha256', checkpointKey).update(body, 'utf8').digest(),
  };
}
