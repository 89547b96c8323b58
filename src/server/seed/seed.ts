import type { Kysely } from 'kysely';
import { phoneLastFour } from '../../shared/validation/mask.ts';
import type { PiiCipher } from '../crypto/pii.ts';
import type { Database } from '../db/engine.ts';
import type { DB } from '../db/schema.ts';
import { refreshStatistics } from '../db/statistics.ts';
import { createSettingsRepository } from '../modules/system/settings.repository.ts';
import { AS_OF, toEpochDay } from './dates.ts';
import { seedDemoAccounts } from './demo-accounts.ts';
import {
  type EnterpriseRecord,
  generateDistrict,
  type HouseholdRecord,
  type PersonRecord,
  type StaffRecord,
} from './generate.ts';
import { type GridLayout, layoutGrids, positionInGrid, seedGridBoundaries } from './grid-boundaries.ts';
import { createIdFactory } from './ids.ts';
import { seedKeyHouseholds } from './key-households.ts';
import { seedOrganisation } from './organisation.ts';
import { type ScalePlan, type SeedScale, scalePlan } from './scales.ts';
import { createSeedRepository, type SeedRow, type SeedRows } from './seed.repository.ts';
import { SeedError } from './seed-error.ts';

/**
 * Fills an empty database with generated, deterministic data on the real division codes of
 * Xiaoshan (see scales.ts for the sizes). ID numbers and phones are stored only encrypted, with
 * their keyed hash (docs/specs/trust.md §13). Rows go in column-wise in statements of a few thousand rows
 * (seed.repository.ts).
 */
export interface SeedOptions {
  scale: SeedScale;
  /** PRNG seed: the same seed gives the same data. */
  seed?: number;
  /**
   * Households per district, overriding the scale's (tests use a few hundred); for the province
   * scale, the province's total, spread over its districts.
   */
  households?: number;
  /** The province scale's number of districts, 1 to 90 (12 when omitted). */
  districts?: number;
  cipher: PiiCipher;
  onProgress?: (message: string) => void;
}

export interface SeedCounts {
  region: number;
  household: number;
  person: number;
  enterprise: number;
  staff: number;
}

export interface SeedSummary {
  scale: SeedScale;
  seed: number;
  /** District codes in seeding order (for a province, largest first). */
  districts: string[];
  counts: SeedCounts;
  /** Elapsed milliseconds. */
  ms: number;
}

export { SeedError } from './seed-error.ts';

export const DEFAULT_SEED = 20_261_122;

// Rows per insert group (one transaction on PostgreSQL): amortises commits, bounds memory.
const ROWS_PER_TRANSACTION = 30_000;

function householdRow(districtCode: string, h: HouseholdRecord, layout: GridLayout): SeedRow<'household'> {
  return {
    district_code: districtCode,
    id: h.id,
    grid_id: h.gridId,
    region_path: h.regionPath,
    code: h.code,
    address: h.address,
    estate: h.estate,
    building: h.building,
    unit: h.unit,
    room: h.room,
    tags: h.tags,
    ...positionInGrid(layout, h.gridId, h.code),
  };
}

function personRow(districtCode: string, p: PersonRecord, cipher: PiiCipher): SeedRow<'person'> {
  return {
    district_code: districtCode,
    id: p.id,
    household_id: p.householdId,
    name: p.name,
    gender: p.gender,
    birth_date: p.birthDate,
    relationship: p.relationship,
    id_number_enc: p.idNumber === null ? null : cipher.encrypt(p.idNumber),
    id_number_hash: p.idNumber === null ? null : cipher.hash(p.idNumber),
    phone_enc: p.phone === null ? null : cipher.encrypt(p.phone),
    phone_hash: p.phone === null ? null : cipher.hash(p.phone),
    phone_last4: phoneLastFour(p.phone),
  };
}

function enterpriseRow(
  districtCode: string,
  e: EnterpriseRecord,
  cipher: PiiCipher,
  layout: GridLayout,
): SeedRow<'enterprise'> {
  return {
    district_code: districtCode,
    id: e.id,
    grid_id: e.gridId,
    region_path: e.regionPath,
    name: e.name,
    credit_code: e.creditCode,
    address: e.address,
    tags: e.tags,
    contact_name: e.contactName,
    contact_phone_enc: cipher.encrypt(e.contactPhone),
    contact_phone_hash: cipher.hash(e.contactPhone),
    contact_phone_last4: phoneLastFour(e.contactPhone),
    ...positionInGrid(layout, e.gridId, e.creditCode),
  };
}

function staffRow(districtCode: string, s: StaffRecord, cipher: PiiCipher): SeedRow<'staff'> {
  return {
    district_code: districtCode,
    id: s.id,
    region_id: s.regionId,
    code: s.code,
    name: s.name,
    post: s.post,
    phone_enc: cipher.encrypt(s.phone),
    phone_hash: cipher.hash(s.phone),
  };
}

/**
 * Seeds an empty database. The demo and street sizes go in one transaction on either engine, so a
 * first start killed half-way leaves an empty database (seeded again on the next start) rather than
 * a partial demo that looks complete. The benchmark sizes (district, city, province) run on PostgreSQL only
 * and commit in chunks, a few transactions at a time, while the next chunk is generated.
 */
export async function seed(database: Database, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  // The sizes are checked first, so a wrong request is told as such on either engine.
  const plan = scalePlan(options.scale, { households: options.households, districts: options.districts });
  const chunked = options.scale === 'district' || options.scale === 'city' || options.scale === 'province';
  if (chunked && database.engine === 'pglite') {
    throw new SeedError(
      `The ${options.scale} scale is for PostgreSQL (set DATABASE_URL); PGlite holds a street.`,
    );
  }
  const summary = chunked
    ? await fill(database.db, 3, plan, options)
    : await database.db.transaction().execute((trx) => fill(trx, 1, plan, options));
  const ms = Math.round(performance.now() - started);
  const { counts } = summary;
  options.onProgress?.(
    `seeded ${counts.household.toLocaleString('en')} households, ${counts.person.toLocaleString('en')} persons, ` +
      `${counts.enterprise.toLocaleString('en')} enterprises, ${counts.staff.toLocaleString('en')} staff in ${(ms / 1000).toFixed(1)} s`,
  );
  return { ...summary, ms };
}

async function fill(
  db: Kysely<DB>,
  maxInFlight: number,
  plan: ScalePlan,
  options: SeedOptions,
): Promise<Omit<SeedSummary, 'ms'>> {
  const { cipher, scale } = options;
  const seedValue = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seedValue) || seedValue < 0 || seedValue > 0xffff_ffff) {
    throw new SeedError('The seed must be an integer from 0 to 4294967295.');
  }
  const progress = options.onProgress ?? (() => {});
  const repo = createSeedRepository(db);

  if (await repo.hasRegions()) {
    throw new SeedError(
      'The database already has regions: seeding only fills an empty database. ' +
        'Start from a fresh data directory or an empty PostgreSQL database.',
    );
  }

  const territory = await plan.territory();
  const nextId = createIdFactory(seedValue, toEpochDay(AS_OF) * 86_400_000);
  const counts: SeedCounts = { region: 0, household: 0, person: 0, enterprise: 0, staff: 0 };

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const submit = async (rows: SeedRows) => {
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (failure) throw failure;
    const p: Promise<void> = repo
      .insert(rows)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  for (const [index, division] of territory.entries()) {
    const districtCode = division.code;
    const generated = generateDistrict(division, plan.sizes(index), seedValue, nextId);
    const regionRows = generated.plan.regions.map(
      (r): SeedRow<'region'> => ({
        district_code: districtCode,
        id: r.id,
        parent_id: r.parentId,
        level: r.level,
        code: r.code,
        name: r.name,
        kind: r.kind,
        path: r.path,
        sort_order: r.sortOrder,
      }),
    );
    await repo.insert({ region: regionRows });
    counts.region += regionRows.length;
    const layout = layoutGrids(generated.plan, seedValue);
    await seedGridBoundaries(db, districtCode, layout);
    progress(
      `${division.name} (${districtCode}): ${regionRows.length} regions, ${generated.plan.grids.length} grids`,
    );

    const totalHouseholds = generated.plan.grids.reduce((s, g) => s + g.households, 0);
    let pending: Required<SeedRows> = { region: [], household: [], person: [], enterprise: [], staff: [] };
    let pendingRows = 0;
    const flush = async () => {
      if (pendingRows === 0) return;
      const rows = pending;
      pending = { region: [], household: [], person: [], enterprise: [], staff: [] };
      pendingRows = 0;
      await submit(rows);
    };

    let districtHouseholds = 0;
    let lastReported = 0;
    for (const batch of generated.batches()) {
      if (batch.kind === 'households') {
        for (const h of batch.households) pending.household.push(householdRow(districtCode, h, layout));
        for (const p of batch.persons) pending.person.push(personRow(districtCode, p, cipher));
        pendingRows += batch.households.length + batch.persons.length;
        counts.household += batch.households.length;
        districtHouseholds += batch.households.length;
        counts.person += batch.persons.length;
      } else if (batch.kind === 'enterprises') {
        for (const e of batch.enterprises)
          pending.enterprise.push(enterpriseRow(districtCode, e, cipher, layout));
        pendingRows += batch.enterprises.length;
        counts.enterprise += batch.enterprises.length;
      } else {
        for (const s of batch.staff) pending.staff.push(staffRow(districtCode, s, cipher));
        pendingRows += batch.staff.length;
        counts.staff += batch.staff.length;
      }
      if (pendingRows >= ROWS_PER_TRANSACTION) await flush();
      // Generation is synchronous: let pending I/O (connection handshakes, results of the
      // inserts in flight) run between grids, or a pool's connect timeout can expire.
      else if (maxInFlight > 1) await new Promise((resolve) => setImmediate(resolve));
      if (districtHouseholds - lastReported >= 50_000) {
        lastReported = districtHouseholds;
        progress(
          `${division.name}: ${districtHouseholds.toLocaleString('en')} / ${totalHouseholds.toLocaleString('en')} households`,
        );
      }
    }
    await flush();
  }
  await Promise.all(inFlight);
  if (failure) throw failure;

  for (const d of territory) await seedOrganisation(db, d.code, nextId);
  if (scale === 'demo') {
    await createSettingsRepository(db).set('demo', true);
    for (const d of territory) await seedDemoAccounts(db, d.code);
  }
  await seedKeyHouseholds(
    db,
    territory.map((d) => d.code),
    { demo: scale === 'demo', nextId },
  );
  await refreshStatistics(db);
  return { scale, seed: seedValue, districts: territory.map((d) => d.code), counts };
}
