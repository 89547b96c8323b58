/** What a /households address asks for: the list, one household, or nothing that exists. */
export type HouseholdsView = { kind: 'list' } | { kind: 'detail'; id: string } | { kind: 'unknown' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function householdsView(pathname: string): HouseholdsView {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'households') return { kind: 'unknown' };
  if (parts.length === 1) return { kind: 'list' };
  const id = parts[1];
  if (parts.length === 2 && id && UUID.test(id)) return { kind: 'detail', id: id.toLowerCase() };
  return { kind: 'unknown' };
}

export function householdPath(id: string): string {
  return `/households/${id}`;
}

/** The list of one region's households (a community, grid or micro-grid), or of the whole scope. */
export function householdListPath(regionId?: string): string {
  return regionId ? `/households?${new URLSearchParams({ regionId })}` : '/households';
}

/** The region a list address is about, when it names a well-formed one. */
export function regionIdFrom(search: string): string | undefined {
  const value = new URLSearchParams(search).get('regionId');
  return value && UUID.test(value) ? value.toLowerCase() : undefined;
}
