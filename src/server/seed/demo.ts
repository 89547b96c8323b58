import type { PiiCipher } from '../crypto/pii.ts';
import type { Database } from '../db/engine.ts';
import { seedCases } from './cases.ts';
import { seedDemoCadre, seedDemoUnitAccounts } from './demo-accounts.ts';
import { type DemoPracticeSummary, seedDemoPractice } from './demo-practice.ts';
import { type SeedSummary, seed } from './seed.ts';
import { seedVisits } from './visits.ts';

/** Cases generated for the demo street (the demo accounts' queues and case pages). */
const DEMO_CASES = 400;
/** Visits generated for the demo street's diary. */
const DEMO_VISITS = 8000;

export interface DemoSummary extends SeedSummary {
  cases: number;
  visits: number;
  practice: DemoPracticeSummary[];
}

/**
 * The whole demo street (`npm start`, `minqing seed --demo`): the street with its accounts
 * (seed.ts), a sent-down cadre, an account for each unit without one (deactivated: they only
 * stand in the cases' history), half a year of cases with their timelines, four months of the
 * visit diary, and how the street organises its visiting (demo-practice.ts). `until` is the end
 * of the generated history (now). Tests pass fewer households, cases and visits.
 */
export async function seedDemo(
  database: Database,
  options: {
    cipher: PiiCipher;
    until?: Date;
    seed?: number;
    households?: number;
    cases?: number;
    visits?: number;
    onProgress?: (message: string) => void;
  },
): Promise<DemoSummary> {
  const until = options.until ?? new Date();
  const started = performance.now();
  const summary = await seed(database, {
    scale: 'demo',
    cipher: options.cipher,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.households === undefined ? {} : { households: options.households }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  let cases = 0;
  let visits = 0;
  const practice: DemoPracticeSummary[] = [];
  for (const district of summary.districts) {
    await seedDemoCadre(database.db, district);
    // Every unit the cases go to acts through an account of its own (deactivated: no login).
    await seedDemoUnitAccounts(database.db, district);
    // Half a year of the street's cases, a quarter still open, so the queues have something in them.
    const caseSummary = await seedCases(database, district, {
      count: options.cases ?? DEMO_CASES,
      until,
      days: 180,
      openShare: 0.25,
      events: 'all',
      cipher: options.cipher,
      seed: summary.seed,
    });
    cases += caseSummary.cases;
    // Four months of the diary, so coverage, quotas and the visit-day list have something to show.
    const visitSummary = await seedVisits(database, district, {
      count: options.visits ?? DEMO_VISITS,
      until,
      days: 120,
      coverage: 0.3,
      seed: summary.seed,
    });
    visits += visitSummary.visits;
    const planning = performance.now();
    practice.push(await seedDemoPractice(database.db, district, { until, seed: summary.seed }));
    options.onProgress?.(
      `${caseSummary.cases} demo cases, ${visitSummary.visits} demo visits; visit plans, a mentoring ` +
        `pair and a spot check in ${((performance.now() - planning) / 1000).toFixed(1)} s`,
    );
  }
  return { ...summary, cases, visits, practice, ms: Math.round(performance.now() - started) };
}
