import type { TestApp } from '../../support/app.ts';
import { firstGridBelow } from '../../support/demo.ts';
import { addEnterprises } from '../../support/enterprises.ts';
import type { Fixture } from './recipe.ts';

/** The objects of the community at `scopePath` that recipes aim at: a grid, a household with a member, an enterprise. */
export async function matrixFixture(t: TestApp, scopePath: string): Promise<Fixture> {
  const db = t.database.db;
  const community = await db
    .selectFrom('region')
    .select(['id', 'path'])
    .where('path', '=', scopePath)
    .executeTakeFirstOrThrow();
  const { id, path } = await firstGridBelow(t, scopePath);
  const member = await db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) =>
      j.onRef('h.district_code', '=', 'p.district_code').onRef('h.id', '=', 'p.household_id'),
    )
    .select(['p.id as member', 'h.id as household'])
    .where('h.region_path', 'like', `${scopePath}.%`)
    .where('p.id_number_enc', 'is not', null)
    .orderBy('h.code')
    .executeTakeFirstOrThrow();
  // The small demo seeds few enterprises: give each fixture community one of its own.
  const [enterprise] = await addEnterprises(t, scopePath, 1);
  return {
    community,
    grid: { id, path },
    household: member.household,
    member: member.member,
    enterprise: enterprise as string,
  };
}
