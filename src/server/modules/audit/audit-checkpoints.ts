import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditMac } from '../../crypto/audit-mac.ts';
import { canonicalJson } from './audit-chain.ts';

/**
 * Signed checkpoints of each district's chain heads (one per stripe), kept OUTSIDE the database:
 * one append-only file per district (`<dir>/<district>.log`, one JSON line each) and the same
 * line in the server log. A database writer can cut a stripe back and move its head row, but
 * cannot remove a row a checkpoint names without `verify` noticing, nor sign a checkpoint without
 * the audit key.
 */
export interface Checkpoint {
  district: string;
  /** Which of the district's chains; lines written before stripes have none and mean stripe 0. */
  stripe: number;
  /** The stripe's last row when the checkpoint was taken, and its hash (hex). */
  seq: number;
  hash: string;
  /** Rows up to here carry the plain SHA-256 of before keyed hashes; none after may. */
  legacyUntil: number;
  at: string;
}

export interface SignedCheckpoint extends Checkpoint {
  mac: string;
}

export interface CheckpointProblem {
  district: string | undefined;
  source: string;
  problem: string;
}

const DISTRICT = /^\d{6}$/;

// The stripe is signed when it is not 0, so the lines signed before stripes keep their signature.
const body = (c: Checkpoint) =>
  canonicalJson({
    district: c.district,
    ...(c.stripe === 0 ? {} : { stripe: c.stripe }),
    seq: c.seq,
    hash: c.hash,
    legacyUntil: c.legacyUntil,
    at: c.at,
  });

export function signCheckpoint(mac: AuditMac, checkpoint: Checkpoint): SignedCheckpoint {
  return { ...checkpoint, mac: mac.checkpoint(body(checkpoint)).toString('hex') };
}

function signatureHolds(mac: AuditMac, c: SignedCheckpoint): boolean {
  const expected = mac.checkpoint(body(c));
  const given = Buffer.from(c.mac, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** A district's checkpoint file; the code comes from the database, so it must not name a path. */
export function checkpointFile(dir: string, district: string): string {
  if (!DISTRICT.test(district)) throw new Error(`Not a district code: ${JSON.stringify(district)}`);
  return path.join(dir, `${district}.log`);
}

/** Appends one checkpoint and syncs it to disk before the caller reports it written. */
export function appendCheckpoint(dir: string, checkpoint: SignedCheckpoint): void {
  const file = checkpointFile(dir, checkpoint.district);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    // One write of one line: O_APPEND keeps concurrent writers' lines whole.
    fs.writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A checkpoint from a line: a bare checkpoint, or a server log line carrying `auditCheckpoint`. */
function parseLine(line: string): SignedCheckpoint | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const c = ((value as { auditCheckpoint?: unknown })?.auditCheckpoint ?? value) as Partial<SignedCheckpoint>;
  const ok =
    typeof c === 'object' &&
    c !== null &&
    typeof c.district === 'string' &&
    (c.stripe === undefined || (Number.isSafeInteger(c.stripe) && (c.stripe as number) >= 0)) &&
    Number.isSafeInteger(c.seq) &&
    Number.isSafeInteger(c.legacyUntil) &&
    typeof c.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(c.hash) &&
    typeof c.at === 'string' &&
    typeof c.mac === 'string';
  if (!ok) return undefined;
  return {
    district: c.district as string,
    stripe: c.stripe ?? 0,
    seq: c.seq as number,
    hash: c.hash as string,
    legacyUntil: c.legacyUntil as number,
    at: c.at as string,
    mac: c.mac as string,
  };
}

export interface CheckpointSet {
  byDistrict: Map<string, SignedCheckpoint[]>;
  problems: CheckpointProblem[];
}

/**
 * Reads and checks the signatures of the checkpoints in `dir` (every line must be a signed
 * checkpoint of its file's district) and in `extra` files or directories (an operator's copy,
 * exported server logs: lines that are not checkpoints are skipped there).
 */
export function readCheckpoints(
  mac: AuditMac,
  dir: string,
  options: { district?: string; extra?: string[] } = {},
): CheckpointSet {
  const set: CheckpointSet = { byDistrict: new Map(), problems: [] };
  const read = (file: string, strict: boolean, fileDistrict: string | undefined) => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const source = `${file}:${i + 1}`;
      const c = parseLine(line);
      if (!c) {
        if (strict)
          set.problems.push({ district: fileDistrict, source, problem: 'checkpoint line unreadable' });
        return;
      }
      if (options.district && c.district !== options.district) return;
      if ((fileDistrict && c.district !== fileDistrict) || !signatureHolds(mac, c)) {
        set.problems.push({ district: c.district, source, problem: 'checkpoint signature invalid' });
        return;
      }
      const list = set.byDistrict.get(c.district) ?? [];
      list.push(c);
      set.byDistrict.set(c.district, list);
    });
  };
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).sort()) {
      const district = name.endsWith('.log') ? name.slice(0, -4) : '';
      if (!DISTRICT.test(district)) continue;
      if (options.district && district !== options.district) continue;
      read(path.join(dir, name), true, district);
    }
  }
  for (const source of options.extra ?? []) {
    const files = fs.statSync(source).isDirectory()
      ? fs
          .readdirSync(source)
          .sort()
          .map((n) => path.join(source, n))
          .filter((f) => fs.statSync(f).isFile())
      : [source];
    for (const file of files) read(file, false, undefined);
  }
  return set;
}

/**
 * The newest valid checkpoint of each stripe of a district in `dir` (where the next one of that
 * stripe continues from), by stripe.
 */
export function lastCheckpoints(mac: AuditMac, dir: string, district: string): Map<number, SignedCheckpoint> {
  const last = new Map<number, SignedCheckpoint>();
  if (!fs.existsSync(checkpointFile(dir, district))) return last;
  for (const c of readCheckpoints(mac, dir, { district }).byDistrict.get(district) ?? [])
    last.set(c.stripe, c);
  return last;
}
