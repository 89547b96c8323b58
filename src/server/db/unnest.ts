import { type RawBuilder, sql } from 'kysely';

/**
 * Bulk writes: many rows travel as one array parameter per column and come back as rows through
 * unnest(), so one statement carries thousands of rows with a dozen parameters (far below the
 * 65,535-parameter limit of a multi-row VALUES) on PGlite and PostgreSQL alike.
 */
export type SqlType =
  | 'uuid'
  | 'varchar'
  | 'text'
  | 'date'
  | 'timestamptz'
  | 'int4'
  | 'float8'
  | 'bool'
  | 'bytea'
  | 'text[]';

/** Rows per statement: amortises the round trip, bounds the parameter size. */
export const ROWS_PER_STATEMENT = 5_000;

/**
 * A text[] value as one string, its elements joined by the unit separator (U+001F, which no text
 * a person types holds), read back with `textArray`: a column of arrays travels as one text[]
 * parameter. Not an array literal cast per row (`::text[]`): that cast is a stable function, which
 * Citus refuses on a column in an UPDATE, while string_to_array is immutable.
 */
const SEPARATOR = '\u001f';
function joined(values: readonly string[]): string {
  if (values.some((v) => v.includes(SEPARATOR) || v === '')) {
    throw new Error('an element of a text[] column is empty or holds the unit separator');
  }
  return values.join(SEPARATOR);
}

/** A text[] column of `unnestRows` (e.g. `u.tags`) as the array it was. */
export function textArray(ref: string): RawBuilder<string[]> {
  return sql<string[]>`string_to_array(${sql.ref(ref)}, chr(31))`;
}

// node-postgres writes Buffer elements of an array as bytea; a plain Uint8Array it would not.
function asBuffer(value: Uint8Array | null): Buffer | null {
  if (value === null || Buffer.isBuffer(value)) return value;
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

function arrayParam(type: SqlType, values: unknown[]): RawBuilder<unknown> {
  if (type === 'text[]') return sql`${values.map((v) => joined(v as string[]))}::text[]`;
  if (type === 'bytea') return sql`${values.map((v) => asBuffer(v as Uint8Array | null))}::bytea[]`;
  return sql`${values}::${sql.raw(`${type}[]`)}`;
}

/**
 * `unnest(...) AS u(columns)` over the given rows, one array parameter per column. Columns of
 * type text[] come out as text (unnest flattens one level): select them as `textArray('u.col')`.
 */
export function unnestRows<R extends object>(
  rows: readonly R[],
  columns: readonly (readonly [keyof R & string, SqlType])[],
): RawBuilder<unknown> {
  const arrays = columns.map(([name, type]) =>
    arrayParam(
      type,
      rows.map((r) => r[name] ?? null),
    ),
  );
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  return sql`unnest(${sql.join(arrays)}) as u(${names})`;
}

export function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
