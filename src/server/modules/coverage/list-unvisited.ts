import { z } from 'zod';
import type { Period } from '../../../shared/visits/periods.ts';
import { CURSOR_KEYS, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Scope } from '../auth/scope.ts';
import type { CoverageRepository } from './coverage.repository.ts';

/** Households or enterprises of a region not visited in the period, one keyset page. */
export async function listUnvisited(
  coverage: CoverageRepository,
  input: {
    /** Where the caller may see this kind of subject listed (subject-scope.ts). */
    scope: Scope;
    path: string;
    target: 'household' | 'enterprise';
    period: Period;
    now: Date;
    after?: string | undefined;
    limit: number;
  },
) {
  const after = input.after ? unvisitedAfter(decodeCursor(input.after, UNVISITED_KEY)) : undefined;
  const page = await coverage.unvisited(input.scope, input.path, input.target, input.period, input.now, {
    ...(after ? { after } : {}),
    limit: input.limit,
  });
  const last = page.rows.at(-1);
  const lastAt = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    items: page.rows.map((r) => ({
      id: r.id,
      type: input.target,
      name: r.name,
      gridId: r.grid_id,
      gridName: r.grid_name,
      isKey: Number(r.key_rank) === 0,
      lastVisitAt: lastAt(r.last_visit_at),
    })),
    next:
      page.hasMore && last
        ? encodeCursor(
            `${Number(last.key_rank)}|${lastAt(last.last_visit_at) ?? new Date(0).toISOString()}`,
            last.id,
          )
        : null,
    total: page.total,
  };
}

/** The cursor's key is "<key rank>|<last visit or epoch>". */
const UNVISITED_KEY = z
  .string()
  .refine((key) => /^[01]\|/.test(key) && CURSOR_KEYS.instant.safeParse(key.slice(2)).success);

function unvisitedAfter([key, id]: [string, string]): [number, string, string] {
  return [Number(key.slice(0, 1)), key.slice(2), id];
}
