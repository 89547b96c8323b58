import { type Insertable, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB, ScorePeriodTable, ScorePointTable, ScoreRowTable } from '../../db/schema.ts';
import { atOrAbove, inSubtree } from '../auth/scope.ts';

type NewScorePeriod = Omit<Insertable<ScorePeriodTable>, 'rules' | 'rule_version'> & {
  rules: unknown;
  rule_version: unknown;
};
type NewScorePoint = Omit<Insertable<ScorePointTable>, 'source' | 'detail'> & {
  source: unknown;
  detail: unknown;
};

/** Rows and points per statement: bounds a statement's parameters (11 columns a point). */
const PER_STATEMENT = 1_000;

function inChunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += PER_STATEMENT) out.push(rows.slice(i, i + PER_STATEMENT));
  return out;
}

const SUMMARY = [
  'p.district_code',
  'p.id',
  'p.region_id',
  'p.region_path',
  'p.region_name',
  'p.region_level',
  'p.period_kind',
  'p.period_from',
  'p.period_to',
  'p.revision',
  'p.rule_version',
  'p.rules',
  'p.state',
  'p.digest',
  'p.closed_by_name',
  'p.closed_at',
  'p.reopened_by_name',
  'p.reopened_at',
  'p.reopen_reason',
] as const;

/** All SQL of closed score periods: written once at close, only their state changes at reopening. */
export function createScorePeriodsRepository(db: Kysely<DB>) {
  /** The closed (not reopened) periods of `kind` of the place with a day in [from, to], oldest first. */
  const closedSharingDays = (
    districtCode: string,
    regionId: string,
    kind: string,
    from: string,
    to: string,
  ) =>
    db
      .selectFrom('score_period as p')
      .select(SUMMARY)
      .where('p.district_code', '=', districtCode)
      .where('p.region_id', '=', regionId)
      .where('p.period_kind', '=', kind)
      .where('p.period_from', '<=', to)
      .where('p.period_to', '>=', from)
      .where('p.state', '=', 'closed')
      .orderBy('p.period_from');
  return {
    /** The revisions of one place's period, newest first. */
    revisions(districtCode: string, regionId: string, kind: string, from: string) {
      return db
        .selectFrom('score_period')
        .select(['id', 'revision', 'state'])
        .where('district_code', '=', districtCode)
        .where('region_id', '=', regionId)
        .where('period_kind', '=', kind)
        .where('period_from', '=', from)
        .orderBy('revision', 'desc')
        .execute();
    },

    async insert(period: NewScorePeriod, rows: Insertable<ScoreRowTable>[], points: NewScorePoint[]) {
      await db
        .insertInto('score_period')
        .values({
          ...period,
          rules: JSON.stringify(period.rules),
          rule_version: period.rule_version === null ? null : JSON.stringify(period.rule_version),
        })
        .execute();
      for (const chunk of inChunks(rows)) await db.insertInto('score_row').values(chunk).execute();
      for (const chunk of inChunks(points))
        await db
          .insertInto('score_point')
          .values(
            chunk.map((p) => ({ ...p, source: JSON.stringify(p.source), detail: JSON.stringify(p.detail) })),
          )
          .execute();
    },

    /**
     * Periods a reader sees, as published league tables are seen: of a place at or above one of
     * `paths`, or below one; with `at`, only those at or above that place. Newest first.
     */
    visible(districtCode: string, paths: readonly string[], at?: string, id?: string) {
      return db
        .selectFrom('score_period as p')
        .select(SUMMARY)
        .where('p.district_code', '=', districtCode)
        .where((eb) =>
          paths.length === 0
            ? sql<SqlBool>`false`
            : eb.or(
                paths.flatMap((p) => [atOrAbove(eb, 'p.region_path', p), inSubtree(eb, 'p.region_path', p)]),
              ),
        )
        .$if(at !== undefined, (q) => q.where((eb) => atOrAbove(eb, 'p.region_path', at as string)))
        .$if(id !== undefined, (q) => q.where('p.id', '=', id as string))
        .orderBy('p.period_from', 'desc')
        .orderBy('p.closed_at', 'desc')
        .limit(200)
        .execute();
    },

    /**
     * The closed period of `kind` of the place holding `day`. Found by its days, not by the start
     * the calendar now gives: a period closed before the month's first day changed stays closed.
     */
    closedOf(districtCode: string, regionId: string, kind: string, day: string) {
      return closedSharingDays(districtCode, regionId, kind, day, day).executeTakeFirst();
    },

    /** The closed periods of `kind` of the place sharing a day with [from, to]. */
    closedOverlapping(districtCode: string, regionId: string, kind: string, from: string, to: string) {
      return closedSharingDays(districtCode, regionId, kind, from, to).execute();
    },

    rowsOf(districtCode: string, periodId: string, kind?: string) {
      return db
        .selectFrom('score_row')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('period_id', '=', periodId)
        .$if(kind !== undefined, (q) => q.where('subject_kind', '=', kind as string))
        .orderBy('position')
        .execute();
    },

    /** Every point of a period (for its digest), in key order. */
    pointsOf(districtCode: string, periodId: string) {
      return db
        .selectFrom('score_point')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('period_id', '=', periodId)
        .orderBy('subject_key')
        .orderBy('point_key')
        .execute();
    },

    /** One subject's points after the keyset (earned_at, point_key), earliest first. */
    pointsPage(
      districtCode: string,
      periodId: string,
      subject: string,
      after: { at: string; key: string } | null,
      limit: number,
    ) {
      return db
        .selectFrom('score_point')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('period_id', '=', periodId)
        .where('subject_key', '=', subject)
        .$if(after !== null, (q) =>
          q.where((eb) =>
            eb.or([
              eb('earned_at', '>', after?.at as string),
              eb.and([eb('earned_at', '=', after?.at as string), eb('point_key', '>', after?.key as string)]),
            ]),
          ),
        )
        .orderBy('earned_at')
        .orderBy('point_key')
        .limit(limit)
        .execute();
    },

    async subjectTotals(districtCode: string, periodId: string, subject: string) {
      const row = await db
        .selectFrom('score_point')
        .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('cp').as('cp')])
        .where('district_code', '=', districtCode)
        .where('period_id', '=', periodId)
        .where('subject_key', '=', subject)
        .executeTakeFirstOrThrow();
      return { total: Number(row.n), scoreCp: Number(row.cp ?? 0) };
    },

    /** The last day of the latest period closed (not reopened) at or below a place, if any. */
    async lastClosedDay(districtCode: string, path: string): Promise<string | Date | null> {
      const row = await db
        .selectFrom('score_period')
        .select((eb) => eb.fn.max('period_to').as('last'))
        .where('district_code', '=', districtCode)
        .where('state', '=', 'closed')
        .where((eb) => inSubtree(eb, 'region_path', path))
        .executeTakeFirst();
      return (row?.last as string | Date | null | undefined) ?? null;
    },

    async reopen(districtCode: string, id: string, by: string, at: Date, reason: string): Promise<boolean> {
      const result = await db
        .updateTable('score_period')
        .set({ state: 'reopened', reopened_by_name: by, reopened_at: at, reopen_reason: reason })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('state', '=', 'closed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
