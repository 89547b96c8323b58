import type { PiiCipher } from '../crypto/pii.ts';
import type { Database } from '../db/engine.ts';
import { createSettingsRepository } from '../modules/system/settings.repository.ts';
import { AS_OF, toEpochDay } from './dates.ts';
import {
  type EnterpriseRecord,
  type GeneratedBatch,
  generateDistrict,
  type HouseholdRecord,
  type PersonRecord,
  type StaffRecord,
} from './generate.ts';
import { createIdFactory } from './ids.ts';
import { type SeedScale, scalePlan } from './scales.ts';
import { createSeedRepository, type SeedRow, type SeedRows } from './seed.repository.ts';

/**
 * Fills an empty database with generated, deterministic data on the real division codes of
 * Xiaoshan (see scales.ts for the sizes). ID numbers and phones are stored only encrypted, with
 * their keyed hash (trust.md §13). Rows go in as multi-row INSERTs, a few tens of thousands of
 * rows per transaction; on PostgreSQL a couple of transactions run concurrently with generation.
 */
export interface SeedOptions {
  scale: SeedScale;
  /** PRNG seed: the same seed gives the same data. */
  seed?: number;
  /** Households per district, overriding the scale's (tests use a few hundred). */
  households?: number;
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
  districts: string[];
  counts: SeedCounts;
  /** Elapsed milliseconds. */
  ms: number;
}

export const DEFAULT_SEED = 20_261_122;

// Rows per transaction: big enough to amortise commits, small enough to bound memory.
const ROWS_PER_TRANSACTION = 30_000;

function householdRow(districtCode: string, h: HouseholdRecord): SeedRow<'household'> {
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
  };
}

function enterpriseRow(districtCode: string, e: EnterpriseRecord, cipher: PiiCipher): SeedRow<'enterprise'> {
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
  };
}

function staffRow(districtCode: string, s: StaffRecord, cipher: PiiCipher): SeedRow<'staff'> {
  return {
    district_code: districtCode,
    id: s.id,
    region_id: s.regionId,
    name: s.name,
    post: s.post,
    phone_enc: cipher.encrypt(s.phone),
    phone_hash: cipher.hash(s.phone),
  };
}

export async function seed(database: Database, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { cipher, scale } = options;
  const seedValue = options.seed ?? DEFAULT_SEED;
  const progress = options.onProgress ?? (() => {});
  const repo = createSeedRepository(database.db);

  if (await repo.hasRegions()) {
    throw new Error(
      'The database already has regions: seeding only fills an empty database. ' +
        'Start from a fresh data directory or an empty PostgreSQL database.',
    );
  }

  const plan = scalePlan(scale, options.households);
  const territory = await plan.territory();
  const nextId = createIdFactory(seedValue, toEpochDay(AS_OF) * 86_400_000);
  const counts: SeedCounts = { region: 0, household: 0, person: 0, enterprise: 0, staff: 0 };

  // PGlite has one connection; PostgreSQL can write while the next chunk is generated.
  const maxInFlight = database.engine === 'postgres' ? 3 : 1;
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
  const drain = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure;
  };

  for (const division of territory) {
    const districtCode = division.code;
    const generated = generateDistrict(division, plan.sizes, seedValue, nextId);
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
    for (const batch of generated.batches() as Generator<GeneratedBatch>) {
      if (batch.kind === 'households') {
        for (const h of batch.households) pending.household.push(householdRow(districtCode, h));
        for (const p of batch.persons) pending.person.push(personRow(districtCode, p, cipher));
        pendingRows += batch.households.length + batch.persons.length;
        counts.household += batch.households.length;
        districtHouseholds += batch.households.length;
        counts.person += batch.persons.length;
      } else if (batch.kind === 'enterprises') {
        for (const e of batch.enterprises) pending.enterprise.push(enterpriseRow(districtCode, e, cipher));
        pendingRows += batch.enterprises.length;
        counts.enterprise += batch.enterprises.length;
      } else {
        for (const s of batch.staff) pending.staff.push(staffRow(districtCode, s, cipher));
        pendingRows += batch.staff.length;
        counts.staff += batch.staff.length;
      }
      if (pendingRows >= ROWS_PER_TRANSACTION) await flush();
      if (districtHouseholds - lastReported >= 50_000) {
        lastReported = districtHouseholds;
        progress(
          `${division.name}: ${districtHouseholds.toLocaleString('en')} / ${totalHouseholds.toLocaleString('en')} households`,
        );
      }
    }
    await flush();
  }
  await drain();

  if (scale === 'demo') await createSettingsRepository(database.db).set('demo', true);

  const elapsedMs = Math.round(performance.now() - started);
  progress(
    `seeded ${counts.household.toLocaleString('en')} households, ${counts.person.toLocaleString('en')} persons, ` +
      `${counts.enterprise.toLocaleString('en')} enterprises, ${counts.staff.toLocaleString('en')} staff in ${(elapsedMs / 1000).toFixed(1)} s`,
  );
  return { scale, seed: seedValue, districts: territory.map((d) => d.code), counts, ms: elapsedMs };
}
