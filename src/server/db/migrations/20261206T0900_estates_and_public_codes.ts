import { type Kysely, type SqlBool, sql } from 'kysely';

/**
 * Estates (小区) and buildings (楼栋) under grids, and the public codes printed on QR posters
 * (issue 15 §1). A public code names a grid or an estate; it carries the district code in its
 * text (`330109-K7M2QX9A`) so a scan is routed to one district without any lookup table. A code is
 * never deleted: it is retired (and maybe replaced) so an old poster can still say where to go.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('estate')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('grid_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('removed_at', 'timestamptz')
    .addPrimaryKeyConstraint('estate_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('estate_grid_fk', ['district_code', 'grid_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  // One live estate of a name per grid; a removed one keeps its row for the codes that named it.
  await db.schema
    .createIndex('estate_grid_name_uq')
    .on('estate')
    .columns(['district_code', 'grid_id', 'name'])
    .unique()
    .where(sql.ref('removed_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('building')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('estate_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('building_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('building_estate_fk', ['district_code', 'estate_id'], 'estate', [
      'district_code',
      'id',
    ])
    .addUniqueConstraint('building_estate_name_uq', ['district_code', 'estate_id', 'name'])
    .execute();

  await db.schema
    .createTable('public_code')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('code', 'varchar(20)', (c) => c.notNull())
    /** The grid the code reports to (for an estate's code: the estate's grid). */
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('estate_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .addColumn('retired_by', 'uuid')
    .addColumn('replaced_by', 'varchar(20)')
    .addPrimaryKeyConstraint('public_code_pk', ['district_code', 'code'])
    .addForeignKeyConstraint('public_code_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('public_code_estate_fk', ['district_code', 'estate_id'], 'estate', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('public_code_creator_fk', ['district_code', 'created_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  // At most one live code per place: issuing "on first need" races safely on these.
  await db.schema
    .createIndex('public_code_live_grid_uq')
    .on('public_code')
    .columns(['district_code', 'region_id'])
    .unique()
    .where(sql<SqlBool>`estate_id is null and retired_at is null`)
    .execute();
  await db.schema
    .createIndex('public_code_live_estate_uq')
    .on('public_code')
    .columns(['district_code', 'estate_id'])
    .unique()
    .where(sql<SqlBool>`estate_id is not null and retired_at is null`)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}
