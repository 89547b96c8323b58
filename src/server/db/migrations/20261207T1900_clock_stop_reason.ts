import { type Kysely, sql } from 'kysely';

/**
 * What stopped a clock: the action that ended its run. The response rate (响应率) counts a
 * first-contact clock as met only when the unit answered the resident in time; one stopped because
 * the unit passed the case up (escalate) met nothing, and the next unit's run decides instead.
 * Until now a stopped clock looked the same whatever stopped it, so an escalation counted as a
 * prompt response. Clocks stopped before this migration get their reason from the case's event
 * of the same moment (an escalation is the one that matters); the rest stay null, "not recorded",
 * and count as before. `minqing figures rebuild` then recounts the kept figures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_clock').addColumn('stopped_by', 'varchar(32)').execute();
  await backfillEscalations(db);
}

/**
 * Marks the first-contact runs that an escalation stopped (exported for its test). The times are
 * compared by their difference: Citus refuses `timestamptz ± interval` (a stable function) on
 * columns in an UPDATE, and `timestamptz − timestamptz` is immutable.
 */
export async function backfillEscalations(db: Kysely<unknown>): Promise<void> {
  await sql`
    update case_clock as c set stopped_by = 'escalate'
    from case_event as e
    where e.district_code = c.district_code and e.case_id = c.case_id
      and c.clock = 'first_contact' and c.stopped_at is not null and c.stopped_by is null
      and e.action = 'escalate'
      and e.created_at - c.stopped_at between interval '-5 seconds' and interval '5 seconds'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}
