import type { Kysely } from 'kysely';
import type { VisitAction } from '../../../shared/domain/visit.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { createVisitRepository, type VisitRow } from './visits.repository.ts';

/** The visit in the caller's visits:read scope, or 404 (outside the scope it does not exist). */
export async function visibleVisit(db: Kysely<DB>, principal: Principal, id: string): Promise<VisitRow> {
  const row = await createVisitRepository(db).findInScope(scopeFor(principal, 'visits:read'), id);
  if (!row) throw new AppError('NOT_FOUND', 'No such visit.');
  return row;
}

/**
 * What the caller may do to a visit they can read: add a photo when they went on it or may record
 * visits there; comment when they mentor one of its visitors (an active pair) or check visits there.
 */
export async function visitActions(
  db: Kysely<DB>,
  principal: Principal,
  visit: Pick<VisitRow, 'district_code' | 'id' | 'region_path'>,
  visitorIds: string[],
  now: Date,
): Promise<VisitAction[]> {
  const actions: VisitAction[] = [];
  const writes = principal.permissions.has('visits:write');
  if (
    writes &&
    (visitorIds.includes(principal.userId) ||
      pathInScope(visit.region_path, scopeFor(principal, 'visits:write')))
  )
    actions.push('add_photo');
  if (
    pathInScope(visit.region_path, scopeFor(principal, 'visits:check')) ||
    (await createVisitRepository(db).mentorsAnyOf(
      visit.district_code,
      principal.userId,
      visitorIds.filter((v) => v !== principal.userId),
      cstDay(now),
    ))
  )
    actions.push('comment');
  return actions;
}

/** The visit's visitors' ids. */
export async function visitorIdsOf(db: Kysely<DB>, visit: Pick<VisitRow, 'district_code' | 'id'>) {
  const rows = await createVisitRepository(db).visitors(visit.district_code, [visit.id]);
  return rows.map((r) => r.id);
}
