import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ExampleTable } from '../../db/schema.ts';
import { type CaseScope, caseInScope, inScope, inSubtree, type Scope } from '../auth/scope.ts';

const IMAGE_TYPES = ['image/jpeg', 'image/png'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EXAMPLE_COLUMNS = [
  'e.district_code',
  'e.id',
  'e.subject_kind',
  'e.subject_id',
  'e.subject_day',
  'e.region_id',
  'e.region_path',
  'e.title',
  'e.story',
  'e.photos',
  'e.state',
  'e.place_name',
  'e.unit_name',
  'e.proposed_at',
  'e.published_at',
  'e.withdraw_reason',
] as const;

/** All SQL of examples (issue 14 §6): the write-ups, their subjects and the subjects' photos. */
export function createExampleRepository(db: Kysely<DB>) {
  return {
    async insert(row: Insertable<ExampleTable>): Promise<void> {
      await db.insertInto('example').values(row).execute();
    },

    async update(districtCode: string, id: string, patch: Updateable<ExampleTable>): Promise<void> {
      await db
        .updateTable('example')
        .set(patch)
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    find(districtCode: string, id: string) {
      return db
        .selectFrom('example as e')
        .leftJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'e.district_code').onRef('r.id', '=', 'e.region_id'),
        )
        .select([...EXAMPLE_COLUMNS, 'r.name as region_name'])
        .where('e.district_code', '=', districtCode)
        .where('e.id', '=', id)
        .executeTakeFirst();
    },

    bySubject(districtCode: string, kind: 'case' | 'visit', subjectId: string) {
      return db
        .selectFrom('example')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('subject_kind', '=', kind)
        .where('subject_id', '=', subjectId)
        .executeTakeFirst();
    },

    /**
     * The examples below `path` whose subject the caller reads: cases in the case scope, visits in
     * the visit scope; newest first, at most `limit`.
     */
    list(cases: CaseScope, visits: Scope, path: string, state: string | undefined, limit: number) {
      let q = db
        .selectFrom('example as e')
        .leftJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'e.district_code').onRef('r.id', '=', 'e.region_id'),
        )
        .leftJoin('case_record as c', (j) =>
          j
            .onRef('c.district_code', '=', 'e.district_code')
            .onRef('c.id', '=', 'e.subject_id')
            .on('e.subject_kind', '=', 'case'),
        )
        .select([...EXAMPLE_COLUMNS, 'r.name as region_name', 'c.number as case_number'])
        .where('e.district_code', '=', cases.districtCode)
        .where((eb) => inSubtree(eb, 'e.region_path', path))
        .where((eb) =>
          eb.or([
            eb.and([eb('e.subject_kind', '=', 'case'), caseInScope(eb, 'c', cases)]),
            eb.and([
              eb('e.subject_kind', '=', 'visit'),
              inScope(eb, 'e.region_path', 'e.district_code', visits),
            ]),
          ]),
        );
      if (state) q = q.where('e.state', '=', state as ExampleTable['state']);
      return q.orderBy('e.proposed_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
    },

    /** A case the caller reads (by id or number), with what its write-up must not repeat. */
    caseSubject(scope: CaseScope, ref: string) {
      return db
        .selectFrom('case_record as c')
        .leftJoin('household as h', (j) =>
          j.onRef('h.district_code', '=', 'c.district_code').onRef('h.id', '=', 'c.household_id'),
        )
        .select([
          'c.id',
          'c.number',
          'c.state',
          'c.region_id',
          'c.region_path',
          'c.created_at',
          'c.reporter_name',
          'c.address',
          'c.unit_department_id',
          'c.unit_region_id',
          'h.address as household_address',
          'h.estate',
        ])
        .where(UUID.test(ref) ? 'c.id' : 'c.number', '=', UUID.test(ref) ? ref.toLowerCase() : ref)
        .where((eb) => caseInScope(eb, 'c', scope))
        .executeTakeFirst();
    },

    /** A visit the caller reads (by place), with what its write-up must not repeat. */
    visitSubject(scope: Scope, id: string) {
      return db
        .selectFrom('visit as v')
        .leftJoin('household as h', (j) =>
          j.onRef('h.district_code', '=', 'v.district_code').onRef('h.id', '=', 'v.household_id'),
        )
        .leftJoin('enterprise as n', (j) =>
          j.onRef('n.district_code', '=', 'v.district_code').onRef('n.id', '=', 'v.enterprise_id'),
        )
        .select([
          'v.id',
          'v.region_id',
          'v.region_path',
          'v.started_at',
          'v.place_name',
          'h.address as household_address',
          'h.estate',
          'n.name as enterprise_name',
        ])
        .where('v.id', '=', id)
        .where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope))
        .executeTakeFirst();
    },

    /** The subject's photos (JPEG and PNG only: the files whose metadata was stripped on upload). */
    photosOf(districtCode: string, kind: 'case' | 'visit', subjectId: string) {
      return kind === 'case'
        ? db
            .selectFrom('case_attachment')
            .select(['id', 'file_name', 'content_type', 'storage_key'])
            .where('district_code', '=', districtCode)
            .where('case_id', '=', subjectId)
            .where('content_type', 'in', IMAGE_TYPES)
            .orderBy('created_at')
            .orderBy('id')
            .execute()
        : db
            .selectFrom('visit_photo')
            .select(['id', 'file_name', 'content_type', 'storage_key'])
            .where('district_code', '=', districtCode)
            .where('visit_id', '=', subjectId)
            .where('content_type', 'in', IMAGE_TYPES)
            .orderBy('created_at')
            .orderBy('id')
            .execute();
    },

    /** Published examples below `path` (any district: the region names it), newest first. */
    published(districtCode: string, path: string, limit: number) {
      return db
        .selectFrom('example')
        .select(['id', 'title', 'story', 'place_name', 'unit_name', 'published_at', 'photos'])
        .where('district_code', '=', districtCode)
        .where('state', '=', 'published')
        .where((eb) => inSubtree(eb, 'region_path', path))
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },

    /** One published example, by id alone (the public page knows no district). */
    publishedById(id: string) {
      return db
        .selectFrom('example')
        .select(['district_code', 'subject_kind', 'subject_id', 'photos'])
        .where('id', '=', id)
        .where('state', '=', 'published')
        .executeTakeFirst();
    },

    /** A region by id alone, for the public page's heading. */
    publicPlace(id: string) {
      return db
        .selectFrom('region')
        .select(['district_code', 'path', 'name', 'level'])
        .where('id', '=', id)
        .where('level', 'in', ['district', 'street', 'community'])
        .executeTakeFirst();
    },

    /** Published write-ups of subjects below `path` on days [from, to] (a campaign's report). */
    publishedIn(districtCode: string, path: string, from: string, to: string) {
      return db
        .selectFrom('example as e')
        .leftJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'e.district_code').onRef('r.id', '=', 'e.region_id'),
        )
        .select(['e.id', 'e.title', 'e.subject_kind', 'e.published_at', 'r.name as region_name'])
        .where('e.district_code', '=', districtCode)
        .where('e.state', '=', 'published')
        .where('e.subject_day', '>=', from)
        .where('e.subject_day', '<=', to)
        .where((eb) => inSubtree(eb, 'e.region_path', path))
        .orderBy('e.published_at')
        .execute();
    },

    /** Published examples of cases below `path`, published in [start, end): the scores' facts. */
    publishedCaseExamples(districtCode: string, path: string, start: Date, end: Date) {
      return db
        .selectFrom('example')
        .select(['id', 'subject_id as case_id', 'published_at'])
        .where('district_code', '=', districtCode)
        .where('subject_kind', '=', 'case')
        .where('state', '=', 'published')
        .where('published_at', '>=', start)
        .where('published_at', '<', end)
        .where((eb) => inSubtree(eb, 'region_path', path))
        .orderBy('published_at')
        .execute();
    },
  };
}

export type ExampleRepository = ReturnType<typeof createExampleRepository>;
