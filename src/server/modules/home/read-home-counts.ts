import type { Kysely } from 'kysely';
import { type HomeCounts, QUEUE_STATES } from '../../../shared/domain/home.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { handlingReach } from '../cases/case-views.ts';
import { createHomeRepository } from './home.repository.ts';

/**
 * The counts of the caller's home page that no list gives: the queue by state and clock for those
 * who route cases, whistle reports due and replies sent back for those who handle them. Each part
 * is read only for a caller who holds its permission, in their case scope.
 */
export async function readHomeCounts(db: Kysely<DB>, principal: Principal, now: Date): Promise<HomeCounts> {
  const repo = createHomeRepository(db);
  const scope = caseScopeFor(principal);
  const queue = async () => {
    const rows = await repo.queueCounts(scope, QUEUE_STATES, now);
    const byState = new Map(rows.map((r) => [r.state, r]));
    const sum = (key: 'overdue' | 'due_soon') => rows.reduce((total, r) => total + Number(r[key]), 0);
    return {
      byState: QUEUE_STATES.map((state) => ({ state, count: Number(byState.get(state)?.n ?? 0) })),
      overdue: sum('overdue'),
      dueSoon: sum('due_soon'),
    };
  };
  const todo = async () => {
    const unit = handlingReach(principal);
    const [reports, sentBack] = await Promise.all([
      repo.reportsDue(scope, unit.departmentIds, now),
      repo.sentBack(scope, unit),
    ]);
    return { reportsDue: reports.due, reportsLate: reports.late, sentBack };
  };
  const [queueCounts, todoCounts] = await Promise.all([
    principal.permissions.has('cases:dispatch') ? queue() : null,
    principal.permissions.has('cases:handle') ? todo() : null,
  ]);
  return { queue: queueCounts, todo: todoCounts };
}
