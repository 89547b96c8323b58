import {
  type AnyColumnWithTable,
  type Expression,
  type ExpressionBuilder,
  type JoinBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { ancestors, anyReaches, intersect } from '../../../shared/auth/reach.ts';
import { type Permission, ROLE_PERMISSIONS } from '../../../shared/auth/roles.ts';
import { LIST_TOTAL_CAP } from '../../../shared/domain/paging.ts';
import { type Principal, scopePaths } from './principal.ts';

/**
 * Data scope as one reusable WHERE fragment (docs/specs/trust.md §7): a row is in scope when its region path
 * is one of the scope paths or lies below one. Every repository that reads scoped rows uses this.
 */
export interface Scope {
  districtCode: string;
  /** Region paths whose subtrees are reachable; empty reaches nothing. */
  paths: string[];
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching `text` anywhere, with its wildcards taken literally. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

// biome-ignore lint/suspicious/noExplicitAny: the fragment works on any table that has these columns.
type AnyExpressionBuilder = ExpressionBuilder<any, any>;

/** The node at `path` or anything below it in the hierarchy: `reaches` (shared/auth/reach.ts) in SQL. */
export function inSubtree(eb: AnyExpressionBuilder, pathColumn: string, path: string): Expression<SqlBool> {
  return eb.or([eb(eb.ref(pathColumn), '=', path), eb(eb.ref(pathColumn), 'like', `${escapeLike(path)}.%`)]);
}

/** The node at `path` or anything above it: the grants standing there reach `path`. */
export function atOrAbove(eb: AnyExpressionBuilder, pathColumn: string, path: string): Expression<SqlBool> {
  return eb(eb.ref(pathColumn), 'in', ancestors(path));
}

type Column = `${string}.${string}`;

/**
 * A join condition `left = right` between two rows of the same district. Every table is keyed by
 * (district_code, id), so a join that matched the id alone could reach another district's row;
 * this is the one place the district half of the condition is written. The callback is generic in
 * the join's tables, so Kysely still checks both columns where the join is written (a column of
 * neither table makes the callback's result a string, which the join refuses).
 */
export function onSameDistrict<L extends Column, R extends Column>(left: L, right: R) {
  const district = (column: Column) => `${column.slice(0, column.indexOf('.'))}.district_code`;
  return <DB, TB extends keyof DB>(
    join: JoinBuilder<DB, TB>,
  ): [L, R] extends [AnyColumnWithTable<DB, TB>, AnyColumnWithTable<DB, TB>]
    ? JoinBuilder<DB, TB>
    : 'a column of neither joined table' => {
    const ref = (column: string) => column as AnyColumnWithTable<DB, TB>;
    return join
      .onRef(ref(district(left)), '=', ref(district(right)))
      .onRef(ref(left), '=', ref(right)) as never;
  };
}

/** Keyset paging: rows after `(key, id)` in `ORDER BY keyColumn, idColumn`. */
export function afterKey(
  eb: AnyExpressionBuilder,
  keyColumn: string,
  idColumn: string,
  [key, id]: [string, string],
): Expression<SqlBool> {
  return eb.or([
    eb(eb.ref(keyColumn), '>', key),
    eb.and([eb(eb.ref(keyColumn), '=', key), eb(eb.ref(idColumn), '>', id)]),
  ]);
}

/** Keyset paging newest first: rows before the instant `at` and `id` in `ORDER BY timeColumn DESC, idColumn DESC`. */
export function beforeInstant(
  eb: AnyExpressionBuilder,
  timeColumn: string,
  idColumn: string,
  [at, id]: [string, string],
): Expression<SqlBool> {
  const time = new Date(at);
  return eb.or([
    eb(eb.ref(timeColumn), '<', time),
    eb.and([eb(eb.ref(timeColumn), '=', time), eb(eb.ref(idColumn), '<', id)]),
  ]);
}

/** The page of a keyset query that fetched `limit + 1` rows: the extra row only says more follow. */
export function keysetPage<R>(rows: R[], limit: number, total: unknown) {
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit, total: Number(total ?? 0) };
}

/** `keysetPage` whose total was counted up to LIST_TOTAL_CAP + 1 rows (shared/domain/paging.ts). */
export function cappedPage<R>(rows: R[], limit: number, counted: unknown) {
  const n = Number(counted ?? 0);
  return { ...keysetPage(rows, limit, Math.min(n, LIST_TOTAL_CAP)), totalCapped: n > LIST_TOTAL_CAP };
}

export function inScope(
  eb: AnyExpressionBuilder,
  pathColumn: string,
  districtColumn: string,
  scope: Scope,
): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  return eb.and([
    eb(eb.ref(districtColumn), '=', scope.districtCode),
    eb.or(scope.paths.map((p) => inSubtree(eb, pathColumn, p))),
  ]);
}

/** Whether the scope reaches the node at `path` (the in-memory twin of `inScope`). */
export function pathInScope(path: string, scope: Scope): boolean {
  return anyReaches(scope.paths, path);
}

/**
 * Whether a principal holds `permission` for the whole district (a grant at its root): what a
 * district-wide setting or decision asks, where a street's grant of the same permission is 403.
 */
export function holdsForDistrict(principal: Principal, permission: Permission): boolean {
  return scopeFor(principal, permission).paths.includes(principal.districtCode);
}

/** The scope a principal reaches with a permission. */
export function scopeFor(principal: Principal, permission: Permission): Scope {
  return {
    districtCode: principal.districtCode,
    paths: scopePaths(principal, permission, (r) => ROLE_PERMISSIONS[r]),
  };
}

/**
 * The rows a principal reaches with every one of the permissions (e.g. a visit list that names
 * households needs visits:read and households:read there): the intersection of their scopes.
 */
export function scopeForAll(
  principal: Principal,
  permissions: readonly [Permission, ...Permission[]],
): Scope {
  const [first, ...rest] = permissions;
  let paths = scopeFor(principal, first).paths;
  for (const permission of rest) paths = intersect(paths, scopeFor(principal, permission).paths);
  return { districtCode: principal.districtCode, paths };
}

/**
 * What a principal reaches among cases: those located in (or dispatched to a unit in) its region
 * scope, and those its departments handle or are summoned to. The one place case scope comes from.
 */
export interface CaseScope extends Scope {
  departmentIds: string[];
}

export function caseScopeFor(principal: Principal): CaseScope {
  const departmentIds = principal.grants
    .filter((g) => g.scopeDepartmentId !== null && ROLE_PERMISSIONS[g.role].includes('cases:read'))
    .map((g) => g.scopeDepartmentId as string);
  return { ...scopeFor(principal, 'cases:read'), departmentIds: [...new Set(departmentIds)] };
}

/** The case-scope WHERE fragment over `case_record` columns (qualified by `alias`). */
export function caseInScope(eb: AnyExpressionBuilder, alias: string, scope: CaseScope): Expression<SqlBool> {
  const col = (name: string) => `${alias}.${name}`;
  const district = eb(eb.ref(col('district_code')), '=', scope.districtCode);
  // A district-wide grant reaches every case of the district: no path test for the planner to chew on.
  if (scope.paths.includes(scope.districtCode)) return district;
  const reaches: Expression<SqlBool>[] = [];
  for (const p of scope.paths) {
    reaches.push(inSubtree(eb, col('region_path'), p), inSubtree(eb, col('unit_region_path'), p));
  }
  if (scope.departmentIds.length > 0) {
    reaches.push(eb(eb.ref(col('unit_department_id')), 'in', scope.departmentIds));
    reaches.push(
      eb.exists(
        eb
          .selectFrom('case_task as st')
          .select('st.id')
          // The district as a value, not a reference to the outer row's: the same rows, and Citus
          // can then route a FOR UPDATE of the case to the district's one shard.
          .where('st.district_code', '=', scope.districtCode)
          .whereRef('st.case_id', '=', eb.ref(col('id')))
          .where('st.department_id', 'in', scope.departmentIds),
      ),
    );
  }
  if (reaches.length === 0) return sql<SqlBool>`false`;
  return eb.and([district, eb.or(reaches)]);
}
