import { type Kysely, sql } from 'kysely';

/**
 * The territory and its records, as the demo street and later imports fill them.
 * Every business table carries the tenant key `district_code` (6-digit division code) first in its
 * primary key and in every unique key; ids are application-generated UUIDv7 (portable SQL rules in
 * docs/ARCHITECTURE.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Deployment-wide settings (not tenant data): e.g. whether the data is the generated demo.
  await db.schema
    .createTable('system_setting')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('region')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('parent_id', 'uuid')
    .addColumn('level', 'varchar(16)', (c) =>
      c.notNull().check(sql`level in ('district','street','community','grid','micro_grid')`),
    )
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('region_pk', ['district_code', 'id'])
    .addUniqueConstraint('region_code_uq', ['district_code', 'code'])
    .addForeignKeyConstraint('region_parent_fk', ['district_code', 'parent_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema.createIndex('region_path_idx').on('region').columns(['district_code', 'path']).execute();
  await db.schema
    .createIndex('region_parent_idx')
    .on('region')
    .columns(['district_code', 'parent_id'])
    .execute();

  await db.schema
    .createTable('household')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('grid_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('code', 'varchar(40)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('estate', 'varchar(100)')
    .addColumn('building', 'varchar(20)')
    .addColumn('unit', 'varchar(20)')
    .addColumn('room', 'varchar(20)')
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('household_pk', ['district_code', 'id'])
    .addUniqueConstraint('household_code_uq', ['district_code', 'code'])
    .addForeignKeyConstraint('household_grid_fk', ['district_code', 'grid_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('household_path_idx')
    .on('household')
    .columns(['district_code', 'region_path'])
    .execute();

  await db.schema
    .createTable('person')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('gender', 'varchar(1)', (c) => c.notNull().check(sql`gender in ('M','F')`))
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('relationship', 'varchar(16)', (c) => c.notNull())
    // Personal data: ciphertext plus a keyed hash for exact lookup (trust.md §13).
    .addColumn('id_number_enc', 'bytea')
    .addColumn('id_number_hash', 'bytea')
    .addColumn('phone_enc', 'bytea')
    .addColumn('phone_hash', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('person_pk', ['district_code', 'id'])
    .addUniqueConstraint('person_id_number_uq', ['district_code', 'id_number_hash'])
    .addForeignKeyConstraint('person_household_fk', ['district_code', 'household_id'], 'household', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('person_household_idx')
    .on('person')
    .columns(['district_code', 'household_id'])
    .execute();
  await db.schema
    .createIndex('person_phone_idx')
    .on('person')
    .columns(['district_code', 'phone_hash'])
    .execute();

  await db.schema
    .createTable('enterprise')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('grid_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('credit_code', 'varchar(18)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('contact_name', 'varchar(50)')
    .addColumn('contact_phone_enc', 'bytea')
    .addColumn('contact_phone_hash', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('enterprise_pk', ['district_code', 'id'])
    .addUniqueConstraint('enterprise_credit_code_uq', ['district_code', 'credit_code'])
    .addForeignKeyConstraint('enterprise_grid_fk', ['district_code', 'grid_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('enterprise_path_idx')
    .on('enterprise')
    .columns(['district_code', 'region_path'])
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('post', 'varchar(32)', (c) => c.notNull())
    .addColumn('phone_enc', 'bytea')
    .addColumn('phone_hash', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('staff_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('staff_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('staff_region_idx')
    .on('staff')
    .columns(['district_code', 'region_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}
