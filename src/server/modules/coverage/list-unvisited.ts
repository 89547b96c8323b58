import { AppError } from '../../../shared/errors/app-error.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { CoverageRepository } from './coverage.repository.ts';

/** Households or enterprises of a region not visited in the period, one keyset page. */
export async function listUnvisited(
  coverage: CoverageRepository,
  input: {
    districtCode: string;
    path: string;
    target: 'household' | 'enterprise';
    period: Period;
    now: Date;
    after?: string | undefined;
    limit: number;
  },
) {
  const after = input.after ? parseKey(decodeCursor(input.after)) : undefined;
  const page = await coverage.unvisited(
    input.districtCode,
    input.path,
    input.target,
    input.period,
    input.now,
    {
      ...(after ? { after } : {}),
      limit: input.limit,
    },
  );
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

/** The cursor's key is "<key rank>|<last visit or epoch>"; anything else is the client's mistake. */
function parseKey([key, id]: [string, string]): [number, string, string] {
  const [rank, at] = key.split('|');
  if ((rank === '0' || rank === '1') && at && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/i.test(id))
    return [Number(rank), at, id];
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
    issues: [{ path: 'querystring.after', reason: 'cursor', message: 'invalid cursor' }],
  });
}
