import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface StoredScoreRuleVersion {
  id: string;
  region_id: string;
  region_path: string;
  region_name: string;
  version: number;
  effective_from: string | Date;
  rules: unknown;
  note: string | null;
  created_by_name: string;
  created_at: Date | string;
}

/** All SQL of scoring rule versions: append-only rows, read by the places that own them. */
export function createScoreRulesRepository(db: Kysely<DB>) {
  return {
    /** Every version owned by the places at `ownerPaths`, newest first. */
    ofOwners(districtCode: string, ownerPaths: readonly string[]): Promise<StoredScoreRuleVersion[]> {
      return db
        .selectFrom('score_rule_version as v')
        .innerJoin('region as r', (join) =>
          join.onRef('r.district_code', '=', 'v.district_code').onRef('r.id', '=', 'v.region_id'),
        )
        .select([
          'v.id',
          'v.region_id',
          'r.path as region_path',
          'r.name as region_name',
          'v.version',
          'v.effective_from',
          'v.rules',
          'v.note',
          'v.created_by_name',
          'v.created_at',
        ])
        .where('v.district_code', '=', districtCode)
        .where('r.path', 'in', [...ownerPaths])
        .orderBy('v.effective_from', 'desc')
        .orderBy('v.version', 'desc')
        .execute();
    },

    /** The number the owner's next version takes (a racing insert meets the unique key). */
    async nextVersion(districtCode: string, regionId: string): Promise<number> {
      const row = await db
        .selectFrom('score_rule_version')
        .select((eb) => eb.fn.max('version').as('last'))
        .where('district_code', '=', districtCode)
        .where('region_id', '=', regionId)
        .executeTakeFirst();
      return Number(row?.last ?? 0) + 1;
    },

    async insert(row: {
      district_code: string;
      id: string;
      region_id: string;
      version: number;
      effective_from: string;
      rules: unknown;
      note: string | null;
      created_by: string;
      created_by_name: string;
      created_at: Date;
    }): Promise<void> {
      await db
        .insertInto('score_rule_version')
        .values({ ...row, rules: JSON.stringify(row.rules) })
        .execute();
    },
  };
}
