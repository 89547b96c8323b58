import type { Insertable, Kysely } from 'kysely';
import type { BuildingTable, DB, EstateTable, PublicCodeTable } from '../../db/schema.ts';
import { bumpAuthEpoch } from '../auth/auth.repository.ts';
import { inSubtree, onSameDistrict } from '../auth/scope.ts';

/** All SQL of estates, buildings and public codes (issue 15 §1). */
export function createPublicCodeRepository(db: Kysely<DB>) {
  return {
    findCode(districtCode: string, code: string) {
      return db
        .selectFrom('public_code')
        .select(['code', 'district_code', 'region_id', 'estate_id', 'retired_at', 'replaced_by'])
        .where('district_code', '=', districtCode)
        .where('code', '=', code)
        .executeTakeFirst();
    },

    /** The live code of a grid (estateId null) or of an estate. */
    liveCode(districtCode: string, regionId: string, estateId: string | null) {
      return db
        .selectFrom('public_code')
        .select(['code', 'region_id', 'estate_id', 'created_at'])
        .where('district_code', '=', districtCode)
        .where('retired_at', 'is', null)
        .$if(estateId === null, (q) => q.where('region_id', '=', regionId).where('estate_id', 'is', null))
        .$if(estateId !== null, (q) => q.where('estate_id', '=', estateId as string))
        .executeTakeFirst();
    },

    /** Inserts unless the place already has a live code (the partial unique index decides a race). */
    async insertCode(row: Insertable<PublicCodeTable>): Promise<boolean> {
      const inserted = await db
        .insertInto('public_code')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .returning('code')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    /**
     * Retires a live code. Bumps the district's auth version in the caller's transaction: servers
     * keep the place a live code names under it (public-reports/public-place.ts).
     */
    async retireCode(
      districtCode: string,
      code: string,
      values: { retired_at: Date; retired_by: string; replaced_by: string | null },
    ): Promise<boolean> {
      const result = await db
        .updateTable('public_code')
        .set(values)
        .where('district_code', '=', districtCode)
        .where('code', '=', code)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      const retired = Number(result.numUpdatedRows) > 0;
      if (retired) await bumpAuthEpoch(db, districtCode);
      return retired;
    },

    async setReplacement(districtCode: string, code: string, replacedBy: string): Promise<void> {
      await db
        .updateTable('public_code')
        .set({ replaced_by: replacedBy })
        .where('district_code', '=', districtCode)
        .where('code', '=', code)
        .execute();
    },

    /** The live codes of an estate's place, to retire with it when it is removed. */
    liveCodesOfEstate(districtCode: string, estateId: string) {
      return db
        .selectFrom('public_code')
        .select('code')
        .where('district_code', '=', districtCode)
        .where('estate_id', '=', estateId)
        .where('retired_at', 'is', null)
        .execute();
    },

    /** The live estates of the grids at or below `path` (a grid or a community), with their grid. */
    estatesUnder(districtCode: string, path: string) {
      return db
        .selectFrom('estate as e')
        .innerJoin('region as g', onSameDistrict('g.id', 'e.grid_id'))
        .select(['e.id', 'e.grid_id', 'e.name', 'e.address', 'g.path as grid_path', 'g.name as grid_name'])
        .where('e.district_code', '=', districtCode)
        .where('e.removed_at', 'is', null)
        .where((eb) => inSubtree(eb, 'g.path', path))
        .orderBy('g.path')
        .orderBy('e.name')
        .limit(2000)
        .execute();
    },

    /** A live estate with its grid's path (for the scope check). */
    findEstate(districtCode: string, id: string) {
      return db
        .selectFrom('estate as e')
        .innerJoin('region as g', onSameDistrict('g.id', 'e.grid_id'))
        .select(['e.id', 'e.grid_id', 'e.name', 'e.address', 'e.removed_at', 'g.path as grid_path'])
        .where('e.district_code', '=', districtCode)
        .where('e.id', '=', id)
        .executeTakeFirst();
    },

    /** Locks an estate's row: a rename, a removal and a new building of one estate queue. */
    lockEstate(districtCode: string, id: string) {
      return db
        .selectFrom('estate')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    estateNameTaken(districtCode: string, gridId: string, name: string, exceptId: string | null) {
      return db
        .selectFrom('estate')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('grid_id', '=', gridId)
        .where('name', '=', name)
        .where('removed_at', 'is', null)
        .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId as string))
        .executeTakeFirst();
    },

    async insertEstate(row: Insertable<EstateTable>): Promise<void> {
      await db.insertInto('estate').values(row).execute();
    },

    /** Bumps the auth version like `retireCode`: a kept place carries its estate's name. */
    async updateEstate(
      districtCode: string,
      id: string,
      values: Partial<{ name: string; address: string | null; removed_at: Date }>,
      now: Date,
    ): Promise<void> {
      await db
        .updateTable('estate')
        .set({ ...values, updated_at: now })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
      await bumpAuthEpoch(db, districtCode);
    },

    buildingsOf(districtCode: string, estateIds: readonly string[]) {
      if (estateIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('building')
        .select(['id', 'estate_id', 'name'])
        .where('district_code', '=', districtCode)
        .where('estate_id', 'in', estateIds)
        .orderBy('name')
        .execute();
    },

    findBuilding(districtCode: string, id: string) {
      return db
        .selectFrom('building')
        .select(['id', 'estate_id', 'name'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    buildingNameTaken(districtCode: string, estateId: string, name: string, exceptId: string | null) {
      return db
        .selectFrom('building')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('estate_id', '=', estateId)
        .where('name', '=', name)
        .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId as string))
        .executeTakeFirst();
    },

    async insertBuilding(row: Insertable<BuildingTable>): Promise<void> {
      await db.insertInto('building').values(row).execute();
    },

    async renameBuilding(districtCode: string, id: string, name: string): Promise<void> {
      await db
        .updateTable('building')
        .set({ name })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    async deleteBuilding(districtCode: string, id: string): Promise<void> {
      await db
        .deleteFrom('building')
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    async deleteBuildingsOf(districtCode: string, estateId: string): Promise<void> {
      await db
        .deleteFrom('building')
        .where('district_code', '=', districtCode)
        .where('estate_id', '=', estateId)
        .execute();
    },

    /** The live codes of many places at once: the grids' own and their estates'. */
    liveCodesUnder(districtCode: string, path: string) {
      return db
        .selectFrom('public_code as c')
        .innerJoin('region as g', onSameDistrict('g.id', 'c.region_id'))
        .select(['c.code', 'c.region_id', 'c.estate_id', 'c.created_at'])
        .where('c.district_code', '=', districtCode)
        .where('c.retired_at', 'is', null)
        .where((eb) => inSubtree(eb, 'g.path', path))
        .execute();
    },

    gridOf(districtCode: string, id: string) {
      return db
        .selectFrom('region')
        .select(['id', 'path', 'level'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The grids at or below a path (a community's grids, or the grid itself). */
    gridsUnder(districtCode: string, path: string) {
      return db
        .selectFrom('region')
        .select(['id', 'name', 'path'])
        .where('district_code', '=', districtCode)
        .where('level', '=', 'grid')
        .where((eb) => inSubtree(eb, 'path', path))
        .orderBy('sort_order')
        .orderBy('path')
        .limit(2000)
        .execute();
    },
  };
}

export type PublicCodeRepository = ReturnType<typeof createPublicCodeRepository>;
