const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a /<section> address of records asks for: the list, one record, or nothing that exists. */
export type RecordView = { kind: 'list' } | { kind: 'detail'; id: string } | { kind: 'unknown' };

/** `/<section>` is the list, `/<section>/<uuid>` one record; anything else is unknown. */
export function recordView(pathname: string, section: string): RecordView {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== section) return { kind: 'unknown' };
  if (parts.length === 1) return { kind: 'list' };
  const id = parts[1];
  if (parts.length === 2 && id && UUID.test(id)) return { kind: 'detail', id: id.toLowerCase() };
  return { kind: 'unknown' };
}

/** A well-formed id from an address, lower-cased; undefined for anything else. */
export function idFrom(value: string | null | undefined): string | undefined {
  return value && UUID.test(value) ? value.toLowerCase() : undefined;
}
