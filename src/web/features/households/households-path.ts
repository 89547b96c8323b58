import { idFrom, type RecordView, recordView } from '../../app/record-path.ts';

/** What a /households address asks for: the list, one household, or nothing that exists. */
export function householdsView(pathname: string): RecordView {
  return recordView(pathname, 'households');
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
  return idFrom(new URLSearchParams(search).get('regionId'));
}
