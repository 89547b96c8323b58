import { z } from 'zod';

/**
 * Lists count their total up to this many; past it they say "10000+". The count is a LIMIT
 * subquery, so a broad filter over a large district stays a bounded scan.
 */
export const LIST_TOTAL_CAP = 10_000;

/**
 * A page number (1-based). Numbered pages reach the rows the capped total counts — page × limit
 * past the cap is refused — so a jump is an OFFSET of at most the cap, as bounded as the count;
 * the rows beyond are reached by the keyset cursor (`after`) or a narrower filter.
 */
export const pageNumberSchema = z.coerce.number().int().min(1).max(LIST_TOTAL_CAP);

/** The highest page number a list offers at a page size. */
export function lastPageNumber(total: number, limit: number): number {
  return Math.max(1, Math.ceil(Math.min(total, LIST_TOTAL_CAP) / limit));
}
