import type { Kysely } from 'kysely';
import { ancestors } from '../../../shared/auth/reach.ts';
import type { RecurringCaseFact } from '../../../shared/figures/recurring-problems.ts';
import { cstDay, DAY_MS } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { CaseScope } from '../auth/scope.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';

export interface RecurringCaseRead {
  facts: RecurringCaseFact[];
  /** Cases already standing on an item (the detector proposes none of them again). */
  linked: Set<string>;
  numbers: Map<string, { number: string; title: string; createdDay: string; state: string }>;
}

/**
 * The cases the detector reads below a place since a day, as facts: the repository's one read,
 * with the names of the community and grid above each case (left out of its text: they say
 * where, not what) and its age (to its closing, or to now).
 */
export async function readRecurringCases(
  db: Kysely<DB>,
  scope: CaseScope,
  placePath: string,
  since: Date,
  now: Date,
): Promise<RecurringCaseRead> {
  const repo = createHardProblemsRepository(db);
  const rows = await repo.recurringCaseFacts(scope, placePath, since);
  const above = new Set<string>();
  for (const r of rows) for (const p of ancestors(r.region_path).slice(2)) above.add(p);
  const names = await repo.placeNames(scope.districtCode, [...above]);
  const linked = new Set<string>();
  const numbers: RecurringCaseRead['numbers'] = new Map();
  const facts = rows.map((r): RecurringCaseFact => {
    const created = new Date(r.created_at);
    const end = r.closed_at ? new Date(r.closed_at) : now;
    if (r.item_id) linked.add(r.id);
    numbers.set(r.id, { number: r.number, title: r.title, createdDay: cstDay(created), state: r.state });
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      description: r.description,
      categoryId: r.category_id,
      regionPath: r.region_path,
      estate: r.estate,
      createdDay: cstDay(created),
      state: r.state,
      reopenCount: Number(r.reopen_count),
      ageDays: Math.max(0, Math.floor((end.getTime() - created.getTime()) / DAY_MS)),
      placeNames: ancestors(r.region_path)
        .slice(2)
        .map((p) => names.get(p))
        .filter((n): n is string => !!n),
    };
  });
  return { facts, linked, numbers };
}
