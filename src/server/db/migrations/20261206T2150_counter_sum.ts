import { type Kysely, sql } from 'kysely';

/**
 * `jsonb_add_counters(a, b)`: two counter objects added key by key, keys that come to zero
 * dropped. The figures' rollups add into stored counters with it in an upsert's DO UPDATE
 * (rollup.repository.ts `upsertAdding`), where it replaces a subquery: Citus refuses subqueries
 * there and wants the functions of a distributed table's DO UPDATE immutable (issue 17 §2), which
 * this one is, like the jsonb functions it is made of.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function jsonb_add_counters(a jsonb, b jsonb) returns jsonb
    language sql immutable parallel safe
    as $$
      select coalesce(jsonb_strip_nulls(jsonb_object_agg(k,
        nullif(coalesce((a ->> k)::numeric, 0) + coalesce((b ->> k)::numeric, 0), 0))), '{}'::jsonb)
      from jsonb_object_keys(coalesce(a, '{}'::jsonb) || coalesce(b, '{}'::jsonb)) as k
    $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}
