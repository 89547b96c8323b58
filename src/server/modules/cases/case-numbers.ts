import type { Kysely } from 'kysely';
import { cstYear } from '../../../shared/time/china-time.ts';
import { perDatabase } from '../../db/per-database.ts';
import type { DB } from '../../db/schema.ts';
import { createCaseRepository } from './cases.repository.ts';

/**
 * Readable case numbers: district code, year and a sequence, e.g. 330109-2026-000123. Each process
 * reserves numbers in blocks (like a sequence cache), so intake never queues on the counter row;
 * numbers stay unique across instances, and a restart leaves a gap of at most one block. The block
 * follows the intake rate: it doubles (up to MAX_BLOCK) when the last one lasted under BUSY_MS and
 * halves (down to MIN_BLOCK) when it lasted over QUIET_MS, so under load the reservation's own
 * commit is a negligible share of an intake's (issue 16: one commit per case), while a quiet
 * street's restart leaves a small gap.
 */
const MIN_BLOCK = 5;
const MAX_BLOCK = 200;
const BUSY_MS = 10_000;
const QUIET_MS = 120_000;
type Block = { next: number; end: number; size: number; since: number };
// Per database handle: a block reserved in one database means nothing in another (tests run many).
const reserved = perDatabase<Block>();

/** The next block's size from how long the last one lasted. */
export function nextBlockSize(last: { size: number; lastedMs: number } | undefined): number {
  if (!last) return MIN_BLOCK;
  if (last.lastedMs < BUSY_MS) return Math.min(MAX_BLOCK, last.size * 2);
  if (last.lastedMs > QUIET_MS) return Math.max(MIN_BLOCK, Math.floor(last.size / 2));
  return last.size;
}

export function formatCaseNumber(districtCode: string, year: number, seq: number): string {
  return `${districtCode}-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * Takes the next number. Call it outside the intake transaction: the reservation commits on its
 * own, and inside a transaction it would hold the counter row until that commit, queueing every
 * other intake of the district behind it.
 */
export async function nextCaseNumber(db: Kysely<DB>, districtCode: string, at: Date): Promise<string> {
  if (db.isTransaction)
    throw new Error('nextCaseNumber runs outside the intake transaction (case-numbers.ts)');
  // Case numbers follow the Beijing calendar year.
  const year = cstYear(at);
  const key = `${districtCode}:${year}`;
  const blocks = reserved(db);
  let block = blocks.get(key);
  if (!block || block.next > block.end) {
    const now = Date.now();
    const size = nextBlockSize(block && { size: block.size, lastedMs: now - block.since });
    const first = await createCaseRepository(db).reserveNumbers(districtCode, year, size);
    block = { next: first, end: first + size - 1, size, since: now };
    blocks.set(key, block);
  }
  const seq = block.next;
  block.next += 1;
  return formatCaseNumber(districtCode, year, seq);
}
