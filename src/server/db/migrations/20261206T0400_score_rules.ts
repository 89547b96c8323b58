import type { Kysely } from 'kysely';

/**
 * Scoring rules as data (issue 14 §1): each row is one version of a district's or street's rules
 * (the points of each item, the composite's weights, peer groups, red and black lists), in force
 * from an assessment month's first day. Versions are never changed or removed: a correction is a
 * new version, so a period scored under one can always be explained by it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('score_rule_version')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('score_rule_version_pk', ['district_code', 'id'])
    .addUniqueConstraint('score_rule_version_number_uq', ['district_code', 'region_id', 'version'])
    .addForeignKeyConstraint('score_rule_version_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}
