import type { Kysely } from 'kysely';
import type { OpinionExportQuery } from '../../../shared/domain/opinion.ts';
import { cstDayAfter, cstMidnight } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { type Scope, scopeFor } from '../auth/scope.ts';
import { regionPathFilter } from '../regions/region-filter.ts';
import type { RegionRepository } from '../regions/regions.repository.ts';
import { createOpinionRepository, type OpinionListFilter, type OpinionRow } from './opinions.repository.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A CST day's first instant, or the instant itself (the diary's period filters read the same). */
const startOf = (value: string) => (DAY.test(value) ? cstMidnight(value) : new Date(value));
/** The instant after a CST day (inclusive `to`), or the instant itself (exclusive). */
const endOf = (value: string) => (DAY.test(value) ? cstDayAfter(value) : new Date(value));

/**
 * The list's scope and filter: opinions are read with the visit diary's permission and scope
 * (`visits:read` on the visit's region path); a region outside it is a 404 like an unknown one.
 */
export async function opinionFilter(
  regions: RegionRepository,
  principal: Principal,
  query: OpinionExportQuery,
): Promise<{ scope: Scope; filter: Omit<OpinionListFilter, 'limit' | 'after'> }> {
  const scope = scopeFor(principal, 'visits:read');
  return {
    scope,
    filter: {
      ...(await regionPathFilter(regions, scope, query.regionId)),
      ...(query.from ? { from: startOf(query.from) } : {}),
      ...(query.to ? { to: endOf(query.to) } : {}),
    },
  };
}

/** One page of opinions in scope, newest first; `total` counts all that match. */
export function listOpinions(
  db: Kysely<DB>,
  scope: Scope,
  filter: OpinionListFilter,
): Promise<{ rows: OpinionRow[]; hasMore: boolean; total: number }> {
  return createOpinionRepository(db).list(scope, filter);
}
