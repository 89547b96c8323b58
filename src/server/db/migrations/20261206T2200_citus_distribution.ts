import { type Kysely, sql } from 'kysely';

/**
 * A province on Citus (issue 17 §2): when the database is a Citus coordinator, every table keyed
 * by district becomes a table distributed on `district_code`, all co-located (same column type,
 * same shard count: Citus's default co-location group), so that one district's rows of every table
 * live on one worker and a district's request is a router query there. The small tables shared by
 * every district become reference tables, copied to every node, so that district rows can join
 * them anywhere: the working calendar (`calendar_day`) and the system settings (`system_setting`).
 * Elsewhere (PGlite, plain PostgreSQL) this migration does nothing.
 *
 * What stays a local table on the coordinator: the migrations' own bookkeeping, the sign-in
 * throttle (`auth_throttle`, keyed by address, read and written alone) and the job queue's schema
 * (pg-boss), none of which is joined with a district's rows.
 *
 * The schema was made for this from its first migration: `district_code` leads every primary,
 * unique and foreign key, and there are no sequences or triggers. A table is distributed after
 * the tables its foreign keys point to (Citus wants the referenced side distributed or reference
 * first). Later migrations that add a district table distribute it themselves.
 */
const REFERENCE_TABLES = ['calendar_day', 'system_setting'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const citus = await sql`select 1 from pg_extension where extname = 'citus'`.execute(db);
  if (citus.rows.length === 0) return;
  // Shards are created over several connections per worker unless told otherwise, and a
  // transaction that has written local tables (every migration before this one, when a new
  // database migrates in one go) can only continue on one.
  await sql`set local citus.multi_shard_modify_mode to 'sequential'`.execute(db);
  for (const table of REFERENCE_TABLES) {
    await sql`select create_reference_table(${table}::regclass)`.execute(db);
  }
  const tables = await sql<{ name: string; refs: string[] }>`
    select c.relname as name,
      array(select distinct r.relname::text from pg_constraint f join pg_class r on r.oid = f.confrelid
            where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid) as refs
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'district_code' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);
  const done = new Set(REFERENCE_TABLES);
  let pending = tables.rows;
  while (pending.length > 0) {
    const ready = pending.filter((t) => t.refs.every((r) => done.has(r)));
    if (ready.length === 0) {
      throw new Error(`cannot order the district tables for Citus: ${pending.map((t) => t.name).join(', ')}`);
    }
    for (const table of ready) {
      await sql`select create_distributed_table(${table.name}::regclass, 'district_code')`.execute(db);
      done.add(table.name);
    }
    pending = pending.filter((t) => !done.has(t.name));
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}
