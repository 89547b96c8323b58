/**
 * Grant reach over the region hierarchy (docs/specs/trust.md §7), the one place it is decided in
 * memory. A region path is its codes from the district down joined by '.', so a node reaches
 * itself and everything below it — a prefix match that must end at a '.' ('a.b' is not above
 * 'a.bc'). A whole-district grant stands on the district code, the root of every path. The SQL
 * side of the same rule is `inSubtree` in server/modules/auth/scope.ts.
 */

/** Whether the node at `scopePath` is `path` or above it. A missing path is reached by nothing. */
export function reaches(scopePath: string, path: string | null | undefined): boolean {
  if (path === null || path === undefined) return false;
  return path === scopePath || path.startsWith(`${scopePath}.`);
}

/**
 * The nodes that reach `path`: it and every node above it, root first. "Which grants reach this
 * place" is then an equality test a query can answer from an index.
 */
export function ancestors(path: string): string[] {
  const codes = path.split('.');
  return codes.map((_, i) => codes.slice(0, i + 1).join('.'));
}

/** The street a place lies in (the place itself when it is one); null for the district node. */
export function streetPathOf(path: string): string | null {
  const codes = path.split('.');
  return codes.length >= 2 ? codes.slice(0, 2).join('.') : null;
}

/**
 * The node right below `parentPath` on the way down to `path` (a drill-down's row for a place
 * below it); `path` itself when it is that node; null when `parentPath` does not reach below to it.
 */
export function childToward(parentPath: string, path: string): string | null {
  if (!path.startsWith(`${parentPath}.`)) return null;
  const next = path.slice(parentPath.length + 1).split('.')[0];
  return `${parentPath}.${next}`;
}

/** Whether one of `scopePaths` reaches `path`; an empty scope reaches nothing. */
export function anyReaches(scopePaths: readonly string[], path: string | null | undefined): boolean {
  return scopePaths.some((p) => reaches(p, path));
}

/** The path a grant stands on: its region's, or the district's when it is district-wide (no region). */
export function grantPath(regionPath: string | null | undefined, districtCode: string): string {
  return regionPath ?? districtCode;
}

/** The paths without those another one already reaches: the same reach, each subtree named once. */
export function outermost(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q !== p && reaches(q, p)));
}

/**
 * What two scopes both reach. Two subtrees meet only where one holds the other, so each pair
 * contributes the deeper path.
 */
export function intersect(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a.filter((p) => anyReaches(b, p)), ...b.filter((p) => anyReaches(a, p))])];
}
