/**
 * A json/jsonb column as the driver hands it over: node-postgres and PGlite parse it, but a value
 * read through some paths (an aggregate, a raw query, an older driver setting) arrives as text.
 * `T` is what the writer stored; the caller validates it where the shape matters.
 */
export function jsonColumn<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
