import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type CaseScope, caseInScope, inSubtree, onSameDistrict } from '../auth/scope.ts';

/** At most this many categorised neighbours are scored when suggesting a category (the newest). */
export const CATEGORY_CANDIDATE_CAP = 300;

/** SQL for what a case was raised on and who to call back (case-context.ts). */
export function createCaseContextRepository(db: Kysely<DB>) {
  return {
    /** The visit a case was raised on, with its recorder's name and place. */
    visit(districtCode: string, visitId: string) {
      return db
        .selectFrom('visit as v')
        .leftJoin('app_user as u', onSameDistrict('u.id', 'v.recorded_by'))
        .select(['v.id', 'v.started_at', 'v.region_path', 'u.display_name as recorder_name'])
        .where('v.district_code', '=', districtCode)
        .where('v.id', '=', visitId)
        .executeTakeFirst();
    },

    visitPhotos(districtCode: string, visitId: string) {
      return db
        .selectFrom('visit_photo')
        .select(['id', 'file_name', 'content_type'])
        .where('district_code', '=', districtCode)
        .where('visit_id', '=', visitId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /** One photo of the visit, with where its bytes are kept. */
    visitPhoto(districtCode: string, visitId: string, photoId: string) {
      return db
        .selectFrom('visit_photo')
        .select(['id', 'file_name', 'content_type', 'storage_key'])
        .where('district_code', '=', districtCode)
        .where('visit_id', '=', visitId)
        .where('id', '=', photoId)
        .executeTakeFirst();
    },

    household(districtCode: string, id: string) {
      return db
        .selectFrom('household')
        .select(['id', 'code', 'address', 'region_path'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    enterprise(districtCode: string, id: string) {
      return db
        .selectFrom('enterprise')
        .select(['id', 'name', 'region_path', 'contact_name', 'contact_phone_enc'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Who to call in a household: its head when they have a phone, else the eldest member with one. */
    householdContact(districtCode: string, householdId: string) {
      return db
        .selectFrom('person')
        .select(['id', 'name', 'phone_enc'])
        .where('district_code', '=', districtCode)
        .where('household_id', '=', householdId)
        .where('removed_at', 'is', null)
        .where('phone_enc', 'is not', null)
        .orderBy(sql`case when relationship = '户主' then 0 else 1 end`)
        .orderBy('birth_date')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
    },

    /**
     * Categorised cases the caller may see, created since `since` below `areaPath` (the case's
     * community), newest first: the text they are scored on and their category.
     */
    categorisedNeighbours(scope: CaseScope, caseId: string, areaPath: string, since: Date) {
      return db
        .selectFrom('case_record as c')
        .innerJoin('case_category as cat', (j) =>
          j.onRef('cat.district_code', '=', 'c.district_code').onRef('cat.id', '=', 'c.category_id'),
        )
        .select(['c.title', 'c.description', 'cat.id as category_id', 'cat.name as category_name'])
        .where('c.district_code', '=', scope.districtCode)
        .where('c.id', '!=', caseId)
        .where('cat.active', '=', true)
        .where('c.created_at', '>=', since)
        .where((eb) => inSubtree(eb, 'c.region_path', areaPath))
        .where((eb) => caseInScope(eb, 'c', scope))
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(CATEGORY_CANDIDATE_CAP)
        .execute();
    },
  };
}
