import type { Kysely } from 'kysely';
import { cstYear } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { createCaseRepository } from './cases.repository.ts';

/**
 * Readable case numbers: district code, year and a sequence, e.g. 330109-2026-000123. Each process
 * reserves numbers in blocks (like a sequence cache), so intake never queues on the counter row;
 * numbers stay unique across instances, and a restart leaves a gap of at most one block.
 */
const BLOCK = 20;
// Per database handle: a block reserved in one database means nothing in another (tests run many).
const reserved = new WeakMap<object, Map<string, { next: number; end: number }>>();

export function formatCaseNumber(districtCode: string, year: number, seq: number): string {
  return `${districtCode}-${year}-${String(seq).padStart(6, '0')}`;
}

/** Takes the next number; call outside the intake transaction (the reservation commits on its own). */
export async function nextCaseNumber(db: Kysely<DB>, districtCode: string, at: Date): Promise<string> {
  // Case numbers follow the Beijing calendar year.
  const year = cstYear(at);
  const key = `${districtCode}:${year}`;
  const blocks = reserved.get(db) ?? new Map<string, { next: number; end: number }>();
  reserved.set(db, blocks);
  let block = blocks.get(key);
  if (!block || block.next > block.end) {
    const first = await createCaseRepository(db).reserveNumbers(districtCode, year, BLOCK);
    block = { next: first, end: first + BLOCK - 1 };
    blocks.set(key, block);
  }
  const seq = block.next;
  block.next += 1;
  return formatCaseNumber(districtCode, year, seq);
}
