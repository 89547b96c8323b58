import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import type { CreateCase } from '../../src/shared/domain/case.ts';
import { PAYLOAD } from './baseline.ts';

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

/**
 * The case the intake and Open311 benches file through staff intake (POST /api/v1/cases), the same
 * in both so their figures compare the same work; the load generator fills `{{category}}`,
 * `{{grid}}`, `{{n}}` and `{{phone}}` per request (`address` may use them too).
 */
export function staffCaseBody(address: string): CreateCase {
  return {
    channel: 'hotline_12345',
    categoryId: '{{category}}',
    kind: 'complaint',
    urgency: 'ordinary',
    listType: 'problem',
    title: '小区门口道路破损积水 {{n}}',
    description: PAYLOAD,
    regionId: '{{grid}}',
    address,
    reporter: { type: 'resident', name: '王建国', phone: '{{phone}}' },
  };
}
