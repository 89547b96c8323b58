import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { reaches } from '../../shared/auth/reach.ts';
import { ROLE_PERMISSIONS, type Role } from '../../shared/auth/roles.ts';
import { calendarOf } from '../../shared/domain/assessment-rules.ts';
import { VISIT_SERVICES } from '../../shared/domain/visit.ts';
import { cstHour, cstWeekday, DAY_MS, startOf, startOfNext } from '../../shared/time/china-time.ts';
import type { Database } from '../db/engine.ts';
import type { DB } from '../db/schema.ts';
import { refreshStatistics } from '../db/statistics.ts';
import { readAssessmentRules } from '../modules/assessment/assessment-rules.ts';
import { rebuildCoverageFigures } from '../modules/coverage/coverage-figures.ts';
import { rebuildVisitFigures } from '../modules/visits/visit-figures.ts';
import { createRng, type Rng, weighted } from './random.ts';
import { DEFAULT_SEED } from './seed.ts';
import { SeedError } from './seed-error.ts';
import {
  createVisitSeedRepository,
  type IndexDefinition,
  type SeedVisitorRow,
  type SeedVisitRow,
} from './visit-seed.repository.ts';

/**
 * Generated visits (民情日记) for benchmarks and demos, written straight into the tables (not
 * through the API): about `count` household visits over the `days` before `until`, on the
 * households and visiting accounts a seeded district already has, each with its visitors, and
 * every visited household's last_visit_at. Deterministic for a seed, the same households and the
 * same `until`. The shape follows the coverage rule districts run: each quarter about `coverage`
 * of the households get their routine visit (the current quarter's already done by `until`), and
 * the rest of the visits go to households by a heavy-tailed (Pareto, Zipf-like) weight, key
 * households four times as often, so that a few are visited every week and most a few times a
 * year. Visits are generated and written in time order, as a real diary fills up, so ids and the
 * table's physical order follow started_at. No forums, collection points or enterprise visits,
 * no photos and no cases: coverage and quota read households and visitors.
 */
export interface VisitSeedOptions {
  /** Visits to generate, about (the exact number comes from the draws; see the summary). */
  count: number;
  seed?: number;
  /** The end of the generated period (exclusive). */
  until: Date;
  /** Length of the period in days (default two years). */
  days?: number;
  /** Share of households given their routine visit each quarter (default 0.85). */
  coverage?: number;
  /** Visits per generated batch, at least (whole days; one transaction when seeding). */
  batchSize?: number;
}

/** What a district holds that generated visits refer to. */
export interface VisitSeedWorld {
  districtCode: string;
  /** Grids with the accounts that may visit there (at least one each). */
  grids: readonly { id: string; path: string; visitors: readonly string[] }[];
  /** Households with the index of their grid in `grids`. */
  households: readonly { id: string; grid: number; isKey: boolean }[];
}

export interface VisitBatch {
  visits: SeedVisitRow[];
  visitors: SeedVisitorRow[];
}

/** Pareto shape and cap of the household weights of the extra visits. */
const PARETO_ALPHA = 1.5;
const PARETO_CAP = 100;
const KEY_FACTOR = 4;
/** Night as the default settings define it (config.visits.nightFrom / nightTo, CST). */
const NIGHT_FROM_HOUR = 18;
const NIGHT_TO_HOUR = 7;

const pickHour = weighted(
  Array.from({ length: 24 }, (_, h) => {
    const w =
      h === 7
        ? 2
        : (h >= 8 && h <= 11) || (h >= 14 && h <= 17)
          ? 10
          : h === 12 || h === 13
            ? 5
            : h >= 18 && h <= 20
              ? 5
              : h === 21
                ? 1
                : 0.2;
    return [h, w] as const;
  }),
);
const pickDayForm = weighted([
  ['routine', 70],
  ['scheduled', 15],
  ['reception', 10],
  ['targeted', 5],
] as const);
const NOTES = [
  '了解家庭近况，宣传垃圾分类政策',
  '走访独居老人，询问身体状况和生活需求',
  '核实家庭成员信息，更新台账',
  '宣传防范电信诈骗知识',
  '了解邻里关系，调解楼道堆物矛盾',
  '入户开展消防安全检查，提醒规范充电',
  '了解就业需求，介绍社区招聘信息',
  '听取对小区环境整治的意见建议',
  '慰问困难家庭，送达帮扶物资',
  '宣讲医保参保政策，协助办理缴费',
] as const;

/** Minimum and maximum (exclusive) of the CST quarter containing `ms`. */
function quarterOf(ms: number): { start: number; end: number } {
  const at = new Date(ms);
  return { start: startOf('quarter', at).getTime(), end: startOfNext('quarter', at).getTime() };
}

/** The start (CST) of the quarter that `until` lies in: "this quarter" of a coverage list. */
export function currentQuarterStart(until: Date): Date {
  return new Date(quarterOf(until.getTime() - 1).start);
}

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** A growable pair of columns: when a visit starts (seconds into the period) and whose it is. */
class Plan {
  seconds: Uint32Array;
  household: Uint32Array;
  extra: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.seconds = new Uint32Array(capacity);
    this.household = new Uint32Array(capacity);
    this.extra = new Uint8Array(capacity);
  }
  push(seconds: number, household: number, extra: boolean): void {
    if (this.length === this.seconds.length) {
      const grow = Math.ceil(this.length * 1.5) + 1024;
      const s = new Uint32Array(grow);
      s.set(this.seconds);
      const h = new Uint32Array(grow);
      h.set(this.household);
      const e = new Uint8Array(grow);
      e.set(this.extra);
      this.seconds = s;
      this.household = h;
      this.extra = e;
    }
    this.seconds[this.length] = seconds;
    this.household[this.length] = household;
    this.extra[this.length] = extra ? 1 : 0;
    this.length++;
  }
}

/**
 * Plans every visit first (when, whose: a few bytes each), then generates the rows batch by batch
 * in time order. `lastVisits()` is complete once the generator is exhausted.
 */
export function generateVisits(world: VisitSeedWorld, options: VisitSeedOptions) {
  const seed = options.seed ?? DEFAULT_SEED;
  const days = options.days ?? 730;
  const batchSize = options.batchSize ?? 20_000;
  const coverage = options.coverage ?? 0.85;
  if (!Number.isInteger(options.count) || options.count < 0) throw new SeedError('count must be ≥ 0');
  if (!Number.isInteger(days) || days < 1) throw new SeedError('days must be a positive integer');
  if (!(coverage >= 0 && coverage <= 1)) throw new SeedError('coverage must be from 0 to 1');
  const households = world.households;
  if (options.count > 0 && households.length === 0)
    throw new SeedError('The district has no households to visit.');
  for (const g of world.grids) {
    if (g.visitors.length === 0) throw new SeedError(`No account may visit grid ${g.path}.`);
  }

  const endMs = options.until.getTime();
  const startMs = endMs - days * DAY_MS;
  const quarterStartMs = currentQuarterStart(options.until).getTime();

  // Quarters overlapping the period, clipped to it; a clipped past quarter gets its share of
  // routine visits, the current one all of them (done by `until`).
  const quarters: { from: number; to: number; share: number }[] = [];
  for (let q = quarterOf(startMs); q.start < endMs; q = quarterOf(q.end)) {
    const from = Math.max(q.start, startMs);
    const to = Math.min(q.end, endMs);
    const share = q.end >= endMs ? 1 : (to - from) / (q.end - q.start);
    quarters.push({ from, to, share });
  }
  const routinePerHousehold = coverage * quarters.reduce((s, q) => s + q.share, 0);
  const perHousehold = households.length === 0 ? 0 : options.count / households.length;
  const routineScale = routinePerHousehold > perHousehold ? perHousehold / routinePerHousehold : 1;
  const extraPerHousehold = Math.max(0, perHousehold - routinePerHousehold);
  const planRng = createRng(seed, `visits/${world.districtCode}/plan`);
  // A time in [from, to): a day (weekends half as likely), then an hour of the working day.
  const secondsIn = (from: number, to: number): number => {
    for (;;) {
      let ms = from + planRng.next() * (to - from);
      if (cstWeekday(new Date(ms)) >= 6 && planRng.chance(0.5)) {
        ms = from + planRng.next() * (to - from);
      }
      const dayStart = startOf('day', new Date(ms)).getTime();
      const at = dayStart + (pickHour(planRng) + planRng.next()) * 3_600_000;
      if (at >= from && at < to) return Math.floor((at - startMs) / 1000);
    }
  };
  // Weights of the extra visits, normalised over the district so that the total is as asked.
  const weights = new Float64Array(households.length);
  let weightSum = 0;
  households.forEach((h, i) => {
    const w = Math.min(PARETO_CAP, (1 - planRng.next()) ** (-1 / PARETO_ALPHA)) * (h.isKey ? KEY_FACTOR : 1);
    weights[i] = w;
    weightSum += w;
  });
  const extraPerWeight = weightSum > 0 ? (extraPerHousehold * households.length) / weightSum : 0;
  const plan = new Plan(Math.ceil(options.count * 1.05) + 1024);
  for (let i = 0; i < households.length; i++) {
    for (const q of quarters) {
      if (planRng.chance(coverage * routineScale * q.share)) plan.push(secondsIn(q.from, q.to), i, false);
    }
    const extras = poisson(planRng, extraPerWeight * (weights[i] as number));
    for (let k = 0; k < extras; k++) plan.push(secondsIn(startMs, endMs), i, true);
  }

  // Time order: bucket by day, then sort each day by second (and household, for ties).
  const dayOf = (s: number) => Math.floor(s / 86_400);
  const perDay = new Uint32Array(days + 2);
  for (let k = 0; k < plan.length; k++) (perDay[dayOf(plan.seconds[k] as number) + 1] as number)++;
  for (let d = 1; d < perDay.length; d++) perDay[d] = (perDay[d] as number) + (perDay[d - 1] as number);
  const order = new Uint32Array(plan.length);
  const fill = perDay.slice();
  for (let k = 0; k < plan.length; k++) {
    const d = dayOf(plan.seconds[k] as number);
    order[fill[d] as number] = k;
    fill[d] = (fill[d] as number) + 1;
  }

  const rng = createRng(seed, `visits/${world.districtCode}/rows`);
  const idRandom = new Uint8Array(16);
  const newId = (ms: number) => uuidv7({ msecs: ms, random: rng.fill(idRandom) });
  // Each household's latest visit (epoch ms; 0: none).
  const last = new Float64Array(households.length);
  const iso = (ms: number) => new Date(ms).toISOString();

  function* batches(): Generator<VisitBatch> {
    let batch: VisitBatch = { visits: [], visitors: [] };
    for (let d = 0; d <= days; d++) {
      const today = Array.from(order.subarray(perDay[d] as number, perDay[d + 1] as number));
      today.sort(
        (a, b) =>
          (plan.seconds[a] as number) - (plan.seconds[b] as number) ||
          (plan.household[a] as number) - (plan.household[b] as number),
      );
      for (const k of today) {
        generateOne(batch, plan.seconds[k] as number, plan.household[k] as number, plan.extra[k] === 1);
      }
      if (batch.visits.length >= batchSize) {
        yield batch;
        batch = { visits: [], visitors: [] };
      }
    }
    if (batch.visits.length > 0) yield batch;
  }

  function generateOne(batch: VisitBatch, seconds: number, index: number, extra: boolean): void {
    const household = households[index] as VisitSeedWorld['households'][number];
    const grid = world.grids[household.grid] as VisitSeedWorld['grids'][number];
    const startedMs = startMs + seconds * 1000;
    const hour = cstHour(new Date(startedMs));
    const night = hour >= NIGHT_FROM_HOUR || hour < NIGHT_TO_HOUR;
    const form = night
      ? rng.chance(0.8)
        ? 'night_duty'
        : 'routine'
      : extra && household.isKey && rng.chance(0.5)
        ? 'targeted'
        : extra
          ? pickDayForm(rng)
          : rng.chance(0.8)
            ? 'routine'
            : 'scheduled';
    const endedMs = Math.min(endMs - 1, startedMs + rng.between(8, 60) * 60_000);
    const syncedMs = Math.min(
      endMs - 1,
      endedMs + (rng.chance(0.7) ? rng.int(300_000) : rng.between(1, 48) * 3_600_000),
    );
    const checkedIn = rng.chance(0.75);
    const distance = checkedIn ? Math.round(Math.exp(Math.log(35) + 0.9 * normal(rng))) : null;
    const services = VISIT_SERVICES.filter(() => rng.chance(0.2)).slice(0, 3);
    const recorder = rng.pick(grid.visitors);
    const id = newId(startedMs);
    const started = iso(startedMs);
    batch.visits.push({
      district_code: world.districtCode,
      id,
      form,
      target_type: 'household',
      household_id: household.id,
      region_id: grid.id,
      region_path: grid.path,
      started_at: started,
      ended_at: iso(Math.max(startedMs, endedMs)),
      is_night: night,
      latitude: checkedIn ? (30.05 + rng.next() * 0.3).toFixed(6) : null,
      longitude: checkedIn ? (120.15 + rng.next() * 0.4).toFixed(6) : null,
      distance_m: distance,
      far: distance !== null && distance > 300,
      notes: rng.pick(NOTES),
      services: JSON.stringify(services),
      recorded_by: recorder,
      created_at: iso(Math.max(startedMs, syncedMs)),
    });
    batch.visitors.push({
      district_code: world.districtCode,
      visit_id: id,
      user_id: recorder,
      started_at: started,
    });
    // A companion on some visits (a cadre, a mentor, a police officer of the team).
    if (grid.visitors.length > 1 && rng.chance(0.15)) {
      let companion = rng.pick(grid.visitors);
      if (companion === recorder) companion = grid.visitors.find((v) => v !== recorder) as string;
      batch.visitors.push({
        district_code: world.districtCode,
        visit_id: id,
        user_id: companion,
        started_at: started,
      });
    }
    last[index] = startedMs;
  }

  /** Each visited household's last visit (ISO), and how many were not visited this quarter. */
  function lastVisits() {
    const ids: string[] = [];
    const at: string[] = [];
    let unvisitedThisQuarter = 0;
    for (let i = 0; i < households.length; i++) {
      const ms = last[i] as number;
      if (ms < quarterStartMs) unvisitedThisQuarter++;
      if (ms === 0) continue;
      ids.push((households[i] as VisitSeedWorld['households'][number]).id);
      at.push(iso(ms));
    }
    return { ids, at, unvisitedThisQuarter };
  }

  return { batches, lastVisits, planned: plan.length };
}

const VISITING_ROLES = new Set(
  (Object.entries(ROLE_PERMISSIONS) as [Role, readonly string[]][])
    .filter(([, permissions]) => permissions.includes('visits:write'))
    .map(([role]) => role as string),
);

/**
 * Reads what generated visits refer to from a seeded district: its households (paged, in id
 * order) and, per grid, the accounts with a visiting role whose grant reaches it most closely (a
 * community's grid workers rather than the street's leader); a grid no such grant reaches is
 * visited by the district's visiting accounts, or failing those by any account.
 */
export async function loadVisitSeedWorld(db: Kysely<DB>, districtCode: string): Promise<VisitSeedWorld> {
  const repo = createVisitSeedRepository(db);
  const grants = await repo.grants(districtCode);
  const visiting = grants.filter((g) => VISITING_ROLES.has(g.role));
  const fallback = [...new Set((visiting.length > 0 ? visiting : grants).map((g) => g.id))];
  if (fallback.length === 0) throw new SeedError('The district has no accounts to record visits.');

  const grids: { id: string; path: string; visitors: string[] }[] = [];
  const gridIndex = new Map<string, number>();
  const households: VisitSeedWorld['households'][number][] = [];
  let after: string | null = null;
  for (;;) {
    const page = await repo.households(districtCode, after, 20_000);
    for (const h of page) {
      let g = gridIndex.get(h.grid_id);
      if (g === undefined) {
        g = grids.length;
        gridIndex.set(h.grid_id, g);
        const path = h.region_path;
        // Those closest to the grid do the visiting: its grid workers rather than the street's leader.
        const reaching = visiting.filter((v) => v.path === null || reaches(v.path, path));
        const depth = (v: (typeof visiting)[number]) => (v.path === null ? 0 : v.path.split('.').length);
        const closest = Math.max(-1, ...reaching.map(depth));
        const visitors = [...new Set(reaching.filter((v) => depth(v) === closest).map((v) => v.id))];
        grids.push({ id: h.grid_id, path, visitors: visitors.length > 0 ? visitors : fallback });
      }
      households.push({ id: h.id, grid: g, isKey: h.is_key });
    }
    if (page.length < 20_000) break;
    after = (page.at(-1) as (typeof page)[number]).id;
  }
  return { districtCode, grids, households };
}

export interface VisitSeedSummary {
  visits: number;
  visitors: number;
  households: number;
  /** Households with no visit since the start of the quarter `until` lies in. */
  unvisitedThisQuarter: number;
  /** Elapsed milliseconds of each step, statistics refresh included in the total. */
  ms: { load: number; insert: number; lastVisits: number; indexes: number; total: number };
  /** The secondary indexes set aside during the load and built again after it. */
  rebuiltIndexes: string[];
}

/**
 * Seeds generated visits into a district that has its households and accounts and no visits yet,
 * sets each visited household's last_visit_at, then refreshes the planner's statistics. Batches
 * (whole days, at least `batchSize` visits) commit one by one, up to three in flight on
 * PostgreSQL while the next is generated. With `rebuildIndexes` the diary's secondary indexes are
 * dropped first and built again at the end (faster for millions of rows on PostgreSQL).
 */
export async function seedVisits(
  database: Database,
  districtCode: string,
  options: VisitSeedOptions & { rebuildIndexes?: boolean; onProgress?: (message: string) => void },
): Promise<VisitSeedSummary> {
  const started = performance.now();
  const db = database.db;
  const repo = createVisitSeedRepository(db);
  if (await repo.hasVisits(districtCode)) {
    throw new SeedError('The district already has visits: visit seeding only fills an empty diary.');
  }
  const world = await loadVisitSeedWorld(db, districtCode);
  const generated = generateVisits(world, options);
  const loaded = performance.now();
  options.onProgress?.(
    `planned ${generated.planned.toLocaleString('en')} visits to ${world.households.length.toLocaleString('en')} households ` +
      `in ${((loaded - started) / 1000).toFixed(1)} s`,
  );

  let indexes: IndexDefinition[] = [];
  if (options.rebuildIndexes) {
    indexes = await repo.secondaryIndexes();
    await repo.dropIndexes(indexes);
  }
  const maxInFlight = database.engine === 'postgres' ? 3 : 1;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let visits = 0;
  let visitors = 0;
  let reported = 0;
  try {
    for (const batch of generated.batches()) {
      visits += batch.visits.length;
      visitors += batch.visitors.length;
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (failure) throw failure;
      const p: Promise<void> = db
        .transaction()
        .execute((trx) => createVisitSeedRepository(trx).insert(batch.visits, batch.visitors))
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (visits - reported >= 500_000) {
        reported = visits;
        options.onProgress?.(
          `${visits.toLocaleString('en')} / ${generated.planned.toLocaleString('en')} visits ` +
            `(${Math.round(visits / ((performance.now() - loaded) / 1000)).toLocaleString('en')}/s)`,
        );
      }
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    await Promise.all(inFlight);
  }
  const inserted = performance.now();

  const last = generated.lastVisits();
  // 50,000 households per transaction, `maxInFlight` transactions at a time.
  const step = 50_000;
  for (let i = 0; i < last.ids.length; i += step * maxInFlight) {
    const group = [];
    for (let j = i; j < Math.min(last.ids.length, i + step * maxInFlight); j += step) {
      const ids = last.ids.slice(j, j + step);
      const at = last.at.slice(j, j + step);
      group.push(
        db
          .transaction()
          .execute((trx) => createVisitSeedRepository(trx).setLastVisits(districtCode, ids, at)),
      );
    }
    await Promise.all(group);
  }
  const updated = performance.now();
  options.onProgress?.(
    `inserted ${visits.toLocaleString('en')} visits, ${visitors.toLocaleString('en')} visitors in ` +
      `${((inserted - loaded) / 1000).toFixed(1)} s; last visit of ${last.ids.length.toLocaleString('en')} households in ` +
      `${((updated - inserted) / 1000).toFixed(1)} s`,
  );

  await repo.createIndexes(indexes, database.engine === 'postgres' ? 2 : 1);
  const indexed = performance.now();
  if (indexes.length > 0) {
    options.onProgress?.(
      `rebuilt ${indexes.map((i) => i.name).join(', ')} in ${((indexed - updated) / 1000).toFixed(1)} s`,
    );
  }
  // The generated diary bypasses the visit path: its figures are computed from it, as a rebuild.
  // The rebuild pages through what was just loaded: with the load's statistics, not the empty tables'.
  await refreshStatistics(db);
  const rebuilding = performance.now();
  await rebuildVisitFigures(db, districtCode);
  await rebuildCoverageFigures(db, districtCode, calendarOf(await readAssessmentRules(db, districtCode)));
  options.onProgress?.(`visit figures rebuilt in ${((performance.now() - rebuilding) / 1000).toFixed(1)} s`);
  await refreshStatistics(db);
  const ms = (a: number, b: number) => Math.round(b - a);
  return {
    visits,
    visitors,
    households: world.households.length,
    unvisitedThisQuarter: last.unvisitedThisQuarter,
    ms: {
      load: ms(started, loaded),
      insert: ms(loaded, inserted),
      lastVisits: ms(inserted, updated),
      indexes: ms(updated, indexed),
      total: ms(started, performance.now()),
    },
    rebuiltIndexes: indexes.map((i) => i.name),
  };
}
