import type { Kysely } from 'kysely';
import type { LeagueSubjects } from '../../../shared/figures/league.ts';
import type { HardProblemFact } from '../../../shared/figures/points.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import { dateColumn } from '../../db/date-column.ts';
import type { DB } from '../../db/schema.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';

/** The subjects an item's owner is scored as: a department's unit; a community's place and unit. */
function ownersOf(kind: string, id: string, level: string | null): { kind: LeagueSubjects; key: string }[] {
  if (kind === 'department') return [{ kind: 'units', key: `d:${id}` }];
  return [
    ...(level === 'community' ? [{ kind: 'places' as const, key: id }] : []),
    { kind: 'units', key: `r:${id}` },
  ];
}

/**
 * The hard-problem facts of a period's scores below a place (issue 14 §7): items done in the
 * period, and milestones missed on a day of it that has begun (a live table shows no point dated
 * after today; a period closes only once it ended).
 */
export async function readHardProblemFacts(
  db: Kysely<DB>,
  districtCode: string,
  placePath: string,
  period: Period,
  now: Date,
): Promise<HardProblemFact[]> {
  const { done, milestones } = await createHardProblemsRepository(db).scoringFacts(
    districtCode,
    placePath,
    period.start,
    period.end,
    period.from,
    addDays(period.to, 1),
  );
  const today = cstDay(now);
  const facts = new Map<string, HardProblemFact & { milestones: HardProblemFact['milestones'][number][] }>();
  const factOf = (
    id: string,
    kind: string,
    owner: string,
    level: string | null,
    finishedAt: Date | string | null,
  ) => {
    const fact = facts.get(id) ?? {
      itemId: id,
      owners: ownersOf(kind, owner, level),
      doneAt: null,
      finishedOn: finishedAt === null ? null : cstDay(new Date(finishedAt)),
      milestones: [],
    };
    facts.set(id, fact);
    return fact;
  };
  for (const d of done)
    factOf(d.id, d.owner_kind, d.owner_id, d.owner_level, d.finished_at).doneAt = new Date(
      d.finished_at as Date,
    );
  for (const m of milestones) {
    const targetDate = dateColumn(m.target_date);
    if (addDays(targetDate, 1) > today) continue;
    factOf(m.item_id, m.owner_kind, m.owner_id, m.owner_level, m.finished_at).milestones.push({
      id: m.id,
      targetDate,
      doneOn: m.done_on === null ? null : dateColumn(m.done_on),
    });
  }
  return [...facts.values()];
}
