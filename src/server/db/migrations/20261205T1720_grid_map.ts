import type { Kysely } from 'kysely';

/**
 * The grid map (issue 12 §7). A grid's boundary is GeoJSON (WGS84 lng/lat, Polygon or
 * MultiPolygon) kept as jsonb beside the region, not on it, so the many reads of regions never
 * carry it; its centroid is kept beside it, where hot spots of cases without coordinates stand.
 * Households and enterprises get optional coordinates of their own. No PostGIS: the map draws in
 * the browser and the few computations (centroid, point in ring) are plain code in shared/map/.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('region_boundary')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('geometry', 'jsonb', (c) => c.notNull())
    .addColumn('center_lng', 'double precision', (c) => c.notNull())
    .addColumn('center_lat', 'double precision', (c) => c.notNull())
    // 'seed' (generated demo shapes) or 'import' (an operator's file).
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('region_boundary_pk', ['district_code', 'region_id'])
    // A deleted grid takes its shape along: nothing else names a boundary.
    .addForeignKeyConstraint(
      'region_boundary_region_fk',
      ['district_code', 'region_id'],
      'region',
      ['district_code', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  for (const table of ['household', 'enterprise']) {
    await db.schema
      .alterTable(table)
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}
