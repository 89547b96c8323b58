import {
  type AliasableExpression,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  sql,
} from 'kysely';
import type { RegionCrumb, RegionLevel } from '../../../shared/domain/region.ts';
import { codeTaken } from '../../db/coded-rows.repository.ts';
import type { DB } from '../../db/schema.ts';
import { bumpAuthEpoch } from '../auth/auth.repository.ts';
import { containsPattern, inScope, inSubtree, type Scope } from '../auth/scope.ts';

/** A node with the counts of what lies below it, before the caller's actions are added. */
export interface RegionRow {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  code: string;
  name: string;
  kind: string | null;
  path: string;
  childCount: number;
  householdCount: number;
  enterpriseCount: number;
  /** Staff, grants, departments, export requests or records name the node directly. */
  referenced: boolean;
}

/** What still depends on a node, for refusing its deletion by name. */
export interface RegionUsage {
  children: number;
  households: number;
  enterprises: number;
  staff: number;
  grants: number;
  departments: number;
  exportRequests: number;
  /** Cases that happened there or are dispatched to it. */
  cases: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the helpers below run over several tables' columns.
type AnyEb = ExpressionBuilder<any, any>;

/**
 * `column` lies at or below the node of alias r. Codes may contain '_', a LIKE wildcard, so the
 * node's path is escaped; codes never contain '.', '%' or '\'.
 */
const belowNode = (column: string) =>
  sql<SqlBool>`(${sql.ref(column)} = r.path or ${sql.ref(column)} like replace(r.path, '_', '\\_') || '.%')`;

const countBelow = (eb: AnyEb, table: 'household' | 'enterprise') =>
  eb
    .selectFrom(`${table} as x`)
    .whereRef('x.district_code', '=', 'r.district_code')
    .where(belowNode('x.region_path'))
    .where('x.removed_at', 'is', null)
    .select((e: AnyEb) => e.fn.countAll<number>().as('n'))
    .$castTo<{ n: number }>();

/**
 * The tables and columns that name a node by id and would block its deletion, besides children
 * and records (counted above). Removed households are not counted and not looked for here (no index on grid
 * ids): the delete itself still finds and refuses them.
 */
const REFERENCES = [
  ['staff', 'region_id'],
  ['role_grant', 'scope_region_id'],
  ['department', 'region_id'],
  ['export_request', 'region_id'],
  ['case_record', 'region_id'],
  ['case_record', 'unit_region_id'],
  ['visit', 'region_id'],
  ['visit_rule', 'region_id'],
  ['visit_team', 'grid_id'],
  ['spot_check', 'region_id'],
  ['campaign', 'region_id'],
] as const;

const referencedBy = (eb: AnyEb): AliasableExpression<SqlBool> =>
  eb.or(
    REFERENCES.map(([table, column]) =>
      eb.exists(
        eb
          .selectFrom(`${table} as x`)
          .whereRef('x.district_code', '=', 'r.district_code')
          .whereRef(`x.${column}`, '=', 'r.id')
          .select('x.id'),
      ),
    ),
  );

/** All SQL about the hierarchy. Region paths make "everything below a node" one prefix match. */
export function createRegionRepository(db: Kysely<DB>) {
  /** Nodes of a district by code (the segments of paths), for breadcrumbs. */
  const byCodes = async (
    districtCode: string,
    codes: readonly string[],
  ): Promise<Map<string, RegionCrumb>> => {
    if (codes.length === 0) return new Map();
    const rows = await db
      .selectFrom('region')
      .select(['id', 'code', 'name', 'level'])
      .where('district_code', '=', districtCode)
      .where('code', 'in', [...new Set(codes)])
      .execute();
    return new Map(rows.map((r) => [r.code, { id: r.id, name: r.name, level: r.level }]));
  };
  const nodes = (withReferences: boolean) =>
    db.selectFrom('region as r').select((eb) => [
      'r.id',
      'r.parent_id',
      'r.level',
      'r.code',
      'r.name',
      'r.kind',
      'r.path',
      eb
        .selectFrom('region as c')
        .whereRef('c.district_code', '=', 'r.district_code')
        .whereRef('c.parent_id', '=', 'r.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('child_count'),
      countBelow(eb, 'household').as('household_count'),
      countBelow(eb, 'enterprise').as('enterprise_count'),
      // Only callers who may delete need to know; everyone else skips the six lookups.
      (withReferences ? referencedBy(eb) : sql<SqlBool>`false`).as('referenced'),
    ]);

  const toRow = (r: {
    id: string;
    parent_id: string | null;
    level: RegionLevel;
    code: string;
    name: string;
    kind: string | null;
    path: string;
    child_count: number | string | null;
    household_count: number | string | null;
    enterprise_count: number | string | null;
    referenced: SqlBool | null;
  }): RegionRow => ({
    id: r.id,
    parentId: r.parent_id,
    level: r.level,
    code: r.code,
    name: r.name,
    kind: r.kind,
    path: r.path,
    childCount: Number(r.child_count ?? 0),
    householdCount: Number(r.household_count ?? 0),
    enterpriseCount: Number(r.enterprise_count ?? 0),
    referenced: r.referenced === true,
  });

  return {
    /** Children of a parent, or, without one, the roots of the scope (the scope paths' own nodes). */
    async listChildren(
      parentId: string | null,
      scope: Scope,
      options: { withReferences?: boolean } = {},
    ): Promise<RegionRow[]> {
      const rows = await nodes(options.withReferences ?? false)
        .$if(parentId === null, (q) =>
          q
            .where('r.district_code', '=', scope.districtCode)
            .where('r.path', 'in', scope.paths.length ? scope.paths : ['']),
        )
        .$if(parentId !== null, (q) =>
          q
            .where('r.parent_id', '=', parentId as string)
            .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope)),
        )
        .orderBy('r.sort_order')
        .orderBy('r.code')
        .execute();
      return rows.map(toRow);
    },

    /** One node with its counts, if it is in the scope. */
    async findNode(
      scope: Scope,
      id: string,
      options: { withReferences?: boolean } = {},
    ): Promise<RegionRow | undefined> {
      const row = await nodes(options.withReferences ?? false)
        .where('r.id', '=', id)
        .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope))
        .executeTakeFirst();
      return row ? toRow(row) : undefined;
    },

    findInScope(scope: Scope, id: string) {
      return db
        .selectFrom('region as r')
        .select(['r.id', 'r.path', 'r.name', 'r.level', 'r.code', 'r.parent_id', 'r.kind'])
        .where('r.id', '=', id)
        .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope))
        .executeTakeFirst();
    },

    /** Locks the node's row for the rest of the transaction (moves and deletes of one node queue). */
    lockNode(districtCode: string, id: string) {
      return db
        .selectFrom('region')
        .select(['id', 'path', 'parent_id', 'level'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    codeTaken(districtCode: string, code: string): Promise<boolean> {
      return codeTaken(db, 'region', districtCode, code);
    },

    async nextSortOrder(districtCode: string, parentId: string): Promise<number> {
      const row = await db
        .selectFrom('region')
        .select((eb) => eb.fn.max<number | null>('sort_order').as('n'))
        .where('district_code', '=', districtCode)
        .where('parent_id', '=', parentId)
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    insert(row: {
      district_code: string;
      id: string;
      parent_id: string;
      level: RegionLevel;
      code: string;
      name: string;
      kind: string | null;
      path: string;
      sort_order: number;
    }) {
      return db.insertInto('region').values(row).execute();
    },

    async update(
      districtCode: string,
      id: string,
      values: Partial<{ name: string; kind: string | null; sort_order: number }>,
    ) {
      const result = await db
        .updateTable('region')
        .set({ ...values, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
      // A grant's scope is shown by its region's name: signed-in principals must see the new one.
      await bumpAuthEpoch(db, districtCode);
      return result;
    },

    /** Everything that would stop the node from being deleted, counted. */
    async usage(districtCode: string, id: string, path: string): Promise<RegionUsage> {
      const count = async (
        table:
          | 'region'
          | 'household'
          | 'enterprise'
          | 'staff'
          | 'role_grant'
          | 'department'
          | 'export_request'
          | 'case_record',
        where: (eb: AnyEb) => Expression<SqlBool>,
      ): Promise<number> => {
        const row = await db
          .selectFrom(table)
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('district_code', '=', districtCode)
          .where(where)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      };
      // A node's records: by their grid, and by path for anything filed below it.
      const records = (eb: AnyEb) => eb.or([eb('grid_id', '=', id), inSubtree(eb, 'region_path', path)]);
      const byRegion = (eb: AnyEb) => eb('region_id', '=', id);
      return {
        children: await count('region', (eb: AnyEb) => eb('parent_id', '=', id)),
        households: await count('household', records),
        enterprises: await count('enterprise', records),
        staff: await count('staff', byRegion),
        grants: await count('role_grant', (eb: AnyEb) => eb('scope_region_id', '=', id)),
        departments: await count('department', byRegion),
        exportRequests: await count('export_request', byRegion),
        cases: await count('case_record', (eb: AnyEb) =>
          eb.or([eb('region_id', '=', id), eb('unit_region_id', '=', id)]),
        ),
      };
    },

    async delete(districtCode: string, id: string) {
      const result = await db
        .deleteFrom('region')
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
      // An intake keeps the place it found in memory under the auth version (versioned-cache.ts).
      await bumpAuthEpoch(db, districtCode);
      return result;
    },

    /**
     * Re-hangs a node under a new parent and rewrites, set-based, every path at or below it: the
     * regions' own paths and the region paths of the records below (one UPDATE per table, however
     * many rows). Every table with a materialised region path must be listed here.
     */
    async moveSubtree(
      districtCode: string,
      node: { id: string; path: string },
      parentId: string,
      newPath: string,
    ): Promise<{ regions: number; households: number; enterprises: number; cases: number }> {
      const from = node.path.length + 1;
      const now = new Date();
      // Grants scoped below the node reach new paths: signed-in principals must resolve again.
      await bumpAuthEpoch(db, districtCode);
      const rebased = (column: 'path' | 'region_path' | 'unit_region_path') =>
        sql<string>`cast(${newPath} as text) || substr(${sql.ref(column)}, cast(${from} as integer))`;
      await db
        .updateTable('region')
        .set({ parent_id: parentId })
        .where('district_code', '=', districtCode)
        .where('id', '=', node.id)
        .execute();
      const regions = await db
        .updateTable('region')
        .set({ path: rebased('path'), updated_at: now })
        .where('district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 'path', node.path))
        .executeTakeFirst();
      const rebase = (table: 'household' | 'enterprise') =>
        db
          .updateTable(table)
          .set({ region_path: rebased('region_path'), updated_at: now })
          .where('district_code', '=', districtCode)
          .where((eb) => inSubtree(eb, 'region_path', node.path))
          .executeTakeFirst();
      const households = await rebase('household');
      const enterprises = await rebase('enterprise');
      // Cases carry two paths: where it happened, and the community or grid handling it.
      const rebaseCases = (column: 'region_path' | 'unit_region_path') =>
        db
          .updateTable('case_record')
          .set({ [column]: rebased(column) })
          .where('district_code', '=', districtCode)
          .where((eb) => inSubtree(eb, column, node.path))
          .executeTakeFirst();
      const cases = await rebaseCases('region_path');
      await rebaseCases('unit_region_path');
      // The visit diary and what plans visits: they follow the places they name.
      const rebasePath = (table: 'visit' | 'visit_assignment' | 'visit_rule' | 'spot_check') =>
        db
          .updateTable(table)
          .set({ region_path: rebased('region_path') })
          .where('district_code', '=', districtCode)
          .where((eb) => inSubtree(eb, 'region_path', node.path))
          .execute();
      for (const table of ['visit', 'visit_assignment', 'visit_rule', 'spot_check'] as const)
        await rebasePath(table);
      await db
        .updateTable('visit_team')
        .set({
          grid_path: sql<string>`cast(${newPath} as text) || substr(grid_path, cast(${from} as integer))`,
        })
        .where('district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 'grid_path', node.path))
        .execute();
      return {
        regions: Number(regions.numUpdatedRows),
        households: Number(households.numUpdatedRows),
        enterprises: Number(enterprises.numUpdatedRows),
        cases: Number(cases.numUpdatedRows),
      };
    },

    /** Nodes in scope whose name or code contains `text`, shallow ones first. */
    search(scope: Scope, text: string, options: { underPath?: string; limit: number }) {
      const pattern = containsPattern(text.toLowerCase());
      return db
        .selectFrom('region as r')
        .select(['r.id', 'r.parent_id', 'r.level', 'r.code', 'r.name', 'r.kind', 'r.path'])
        .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope))
        .$if(options.underPath !== undefined, (q) =>
          q.where((eb) => inSubtree(eb, 'r.path', options.underPath as string)),
        )
        .where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['r.name']), 'like', pattern),
            eb(eb.fn('lower', ['r.code']), 'like', pattern),
          ]),
        )
        .orderBy(sql`char_length(r.path)`)
        .orderBy('r.path')
        .limit(options.limit)
        .execute();
    },

    byCodes,

    /** The nodes on a region path from the district down: the breadcrumb of a record. */
    async pathNodes(districtCode: string, path: string): Promise<RegionCrumb[]> {
      const codes = path.split('.');
      const nodes = await byCodes(districtCode, codes);
      return codes.flatMap((code) => nodes.get(code) ?? []);
    },

    /** The district node and its streets, which departments hang on. */
    districtAndStreets(districtCode: string) {
      return db
        .selectFrom('region')
        .select(['id', 'level', 'code', 'name'])
        .where('district_code', '=', districtCode)
        .where('level', 'in', ['district', 'street'])
        .orderBy('path')
        .execute();
    },

    /** Every district of the deployment (the district codes its data is kept under). */
    async districts(): Promise<string[]> {
      const rows = await db
        .selectFrom('region')
        .select('district_code')
        .where('level', '=', 'district')
        .orderBy('district_code')
        .execute();
      return rows.map((r) => r.district_code);
    },

    /** Every district with its name, by code (the province's figures list them all). */
    namedDistricts(): Promise<{ code: string; name: string }[]> {
      return db
        .selectFrom('region')
        .select(['code', 'name'])
        .where('level', '=', 'district')
        .orderBy('code')
        .execute();
    },

    async firstDistrict(): Promise<{ code: string; name: string } | null> {
      const row = await db
        .selectFrom('region')
        .select(['code', 'name'])
        .where('level', '=', 'district')
        .orderBy('code')
        .executeTakeFirst();
      return row ?? null;
    },
  };
}

export type RegionRepository = ReturnType<typeof createRegionRepository>;
