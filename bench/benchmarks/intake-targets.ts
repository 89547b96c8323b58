import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';

/**
 * What an intake benchmark files cases at: the demo's first street, its grids (cases spread over
 * them) and the subcategories (each case has one). Intake and Open311 read the same, so their
 * figures compare the same work.
 */
export async function intakeTargets(db: Kysely<DB>) {
  const street = await db
    .selectFrom('region')
    .select('path')
    .where('level', '=', 'street')
    .executeTakeFirstOrThrow();
  const grids = await db
    .selectFrom('region')
    .select('id')
    .where('level', '=', 'grid')
    .where('path', 'like', `${street.path}.%`)
    .orderBy('path')
    .execute();
  const categories = await db
    .selectFrom('case_category')
    .select('id')
    .where('parent_id', 'is not', null)
    .orderBy('path')
    .execute();
  return { street, grids, categories };
}
