import type { Kysely } from 'kysely';
import type { AuditMac } from '../../crypto/audit-mac.ts';
import type { DB } from '../../db/schema.ts';
import { auditRowHash, lastPlainHashSeq, listChainTips } from './audit.repository.ts';
import { chainHash, HASH_SHA256 } from './audit-chain.ts';
import {
  appendCheckpoint,
  checkpointFile,
  lastCheckpoints,
  type SignedCheckpoint,
  signCheckpoint,
} from './audit-checkpoints.ts';

export interface CheckpointLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The newest checkpoint per district and stripe known to this process (so each district's file
 * is read once).
 */
export type CheckpointMemo = Map<string, Map<number, SignedCheckpoint>>;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Signs a checkpoint of every stripe's chain head that moved since its last checkpoint, into
 * `dir` and the log (one line per stripe, so every stripe's tail is pinned). It signs only what
 * it can vouch for: the head row's own keyed hash must hold and the row of the stripe's previous
 * checkpoint must still be there unchanged; otherwise it logs an error and signs nothing for that
 * stripe, leaving `minqing audit verify` to say what broke.
 */
export async function writeAuditCheckpoints(
  db: Kysely<DB>,
  mac: AuditMac,
  dir: string,
  log: CheckpointLog,
  memo: CheckpointMemo = new Map(),
): Promise<{ written: number; refused: number }> {
  let written = 0;
  let refused = 0;
  for (const tip of await listChainTips(db)) {
    const district = tip.district_code;
    const stripe = Number(tip.stripe);
    const seq = Number(tip.head_seq);
    if (seq === 0) continue;
    const refuse = (problem: string) => {
      refused++;
      log.error({ district, stripe, seq, problem }, 'audit chain cannot be checkpointed');
    };
    try {
      checkpointFile(dir, district);
    } catch {
      refuse('not a district code');
      continue;
    }
    let known = memo.get(district);
    if (!known) {
      known = lastCheckpoints(mac, dir, district);
      memo.set(district, known);
    }
    const last = known.get(stripe);
    if (last && last.seq === seq && last.hash === hex(tip.head_hash)) continue;
    if (
      tip.hash === null ||
      tip.prev_hash === null ||
      tip.at === null ||
      tip.id === null ||
      tip.action === null
    ) {
      refuse('the head points at a row that is gone');
      continue;
    }
    const version = Number(tip.hash_version);
    const fields = {
      district_code: district,
      stripe,
      seq,
      id: tip.id,
      at: tip.at,
      actor_id: tip.actor_id,
      actor_name: tip.actor_name,
      actor_roles: tip.actor_roles,
      scope: tip.scope,
      action: tip.action,
      object_type: tip.object_type,
      object_id: tip.object_id,
      result: tip.result ?? '',
      source_ip: tip.source_ip,
      detail: tip.detail,
    };
    let holds = false;
    try {
      holds = chainHash(mac, version, tip.prev_hash, fields).equals(Buffer.from(tip.hash));
    } catch {
      holds = false;
    }
    if (!holds || hex(tip.hash) !== hex(tip.head_hash)) {
      refuse('the head row does not match its hash');
      continue;
    }
    if (last) {
      if (seq < last.seq) {
        refuse(`the chain is shorter than its checkpoint at row ${last.seq}`);
        continue;
      }
      const then = await auditRowHash(db, district, stripe, last.seq);
      if (!then || hex(then) !== last.hash) {
        refuse(`row ${last.seq} differs from its checkpoint`);
        continue;
      }
    }
    // Plain hashes predate stripes: only stripe 0 may carry them.
    const legacyUntil = last?.legacyUntil ?? (stripe === 0 ? await lastPlainHashSeq(db, district) : 0);
    if (version === HASH_SHA256 && seq > legacyUntil) {
      refuse('the head row carries a plain hash after keyed hashes began');
      continue;
    }
    const checkpoint = signCheckpoint(mac, {
      district,
      stripe,
      seq,
      hash: hex(tip.hash),
      legacyUntil,
      at: new Date().toISOString(),
    });
    appendCheckpoint(dir, checkpoint);
    log.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
    known.set(stripe, checkpoint);
    written++;
  }
  return { written, refused };
}
