import type { Insertable, Kysely } from 'kysely';
import type { DB, SurveyAnswerTable, SurveyTable } from '../../db/schema.ts';
import { atOrAbove, inSubtree } from '../auth/scope.ts';

const SURVEY_COLUMNS = [
  's.district_code',
  's.id',
  's.region_id',
  's.region_path',
  's.title',
  's.questions',
  's.from_day',
  's.to_day',
  's.created_at',
  'r.name as region_name',
  'r.level as region_level',
] as const;

/** All SQL of surveys (issue 14 §5): the surveys, their households and their answers. */
export function createSurveyRepository(db: Kysely<DB>) {
  const surveys = () =>
    db
      .selectFrom('survey as s')
      .innerJoin('region as r', (j) =>
        j.onRef('r.district_code', '=', 's.district_code').onRef('r.id', '=', 's.region_id'),
      )
      .select([
        ...SURVEY_COLUMNS,
        (eb) =>
          eb
            .selectFrom('survey_answer as a')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('a.district_code', '=', 's.district_code')
            .whereRef('a.survey_id', '=', 's.id')
            .as('responses'),
      ]);
  return {
    async insert(row: Insertable<SurveyTable>): Promise<void> {
      await db.insertInto('survey').values(row).execute();
    },

    find(districtCode: string, id: string) {
      return surveys().where('s.district_code', '=', districtCode).where('s.id', '=', id).executeTakeFirst();
    },

    /** By id alone: the public page knows no district. */
    findAnyDistrict(id: string) {
      return surveys().where('s.id', '=', id).executeTakeFirst();
    },

    /** The surveys of a place: of it, below it, or of a place above it (which it is part of). */
    around(districtCode: string, path: string) {
      return surveys()
        .where('s.district_code', '=', districtCode)
        .where((eb) => eb.or([inSubtree(eb, 's.region_path', path), atOrAbove(eb, 's.region_path', path)]))
        .orderBy('s.from_day', 'desc')
        .orderBy('s.id', 'desc')
        .limit(200)
        .execute();
    },

    /** A household of the survey's place that is still there. */
    householdIn(districtCode: string, surveyPath: string, id: string) {
      return db
        .selectFrom('household')
        .select(['id', 'region_path', 'code'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .where((eb) => inSubtree(eb, 'region_path', surveyPath))
        .executeTakeFirst();
    },

    /** Every household of the survey's place that is still there (invitations, public codes). */
    householdsIn(districtCode: string, surveyPath: string) {
      return db
        .selectFrom('household')
        .select(['id', 'region_path', 'code'])
        .where('district_code', '=', districtCode)
        .where('removed_at', 'is', null)
        .where((eb) => inSubtree(eb, 'region_path', surveyPath))
        .orderBy('code')
        .execute();
    },

    /** Households still there per community (path → count) below the survey's place. */
    async householdCounts(
      districtCode: string,
      communityPaths: readonly string[],
    ): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const path of communityPaths) {
        const row = await db
          .selectFrom('household')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('district_code', '=', districtCode)
          .where('removed_at', 'is', null)
          .where((eb) => inSubtree(eb, 'region_path', path))
          .executeTakeFirst();
        out.set(path, Number(row?.n ?? 0));
      }
      return out;
    },

    /** The communities a survey's results are given for: its place's, or the place itself. */
    communitiesOf(districtCode: string, path: string) {
      return db
        .selectFrom('region')
        .select(['id', 'name', 'level', 'path'])
        .where('district_code', '=', districtCode)
        .where('level', '=', 'community')
        .where((eb) => inSubtree(eb, 'path', path))
        .orderBy('sort_order')
        .orderBy('path')
        .execute();
    },

    /** Records an answer unless the household has one: false when it had. */
    async insertAnswer(row: Insertable<SurveyAnswerTable>): Promise<boolean> {
      const result = await db
        .insertInto('survey_answer')
        .values(row)
        .onConflict((oc) => oc.columns(['district_code', 'survey_id', 'household_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    answers(districtCode: string, surveyId: string) {
      return db
        .selectFrom('survey_answer')
        .select(['region_path', 'answers'])
        .where('district_code', '=', districtCode)
        .where('survey_id', '=', surveyId)
        .execute();
    },
  };
}

export type SurveyRepository = ReturnType<typeof createSurveyRepository>;
export type SurveyRow = NonNullable<Awaited<ReturnType<SurveyRepository['find']>>>;
