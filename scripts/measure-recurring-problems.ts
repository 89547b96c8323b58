/**
 * Measures the recurring-problem detector (shared/figures/recurring-problems.ts) on the demo
 * street's generated cases: `node scripts/measure-recurring-problems.ts [--cases 400] [--seed N]`.
 *
 * The demo seed (server/seed/cases.ts) writes each case's title as its community's name followed
 * by one complaint phrase of its category, in a grid: so a case's latent problem is (grid,
 * category, phrase), known exactly. A true recurring problem is such a group with at least the
 * detector's `minCases` cases whose first and last are `minSpanDays` apart or more. The detector
 * reads the cases as the proposals route does (one repository read, the whole street, 180 days)
 * and its recurring clusters are compared with the truth by clusters (Jaccard ≥ 0.5) and by case
 * pairs. Reopened and long-running proposals are picked by definition and left out.
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { createAuditMac } from '../src/server/crypto/audit-mac.ts';
import { createPiiCipher, generatePiiKey } from '../src/server/crypto/pii.ts';
import { openPglite } from '../src/server/db/engine.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { setAuditMac } from '../src/server/modules/audit/audit-chain.ts';
import { readRecurringCases } from '../src/server/modules/hard-problems/recurring-cases.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import {
  clusterScores,
  DEFAULT_RECURRING_OPTIONS,
  detectRecurringProblems,
  pairScores,
} from '../src/shared/figures/recurring-problems.ts';
import { DAY_MS } from '../src/shared/time/china-time.ts';

const { values } = parseArgs({
  options: { cases: { type: 'string' }, seed: { type: 'string' }, verbose: { type: 'boolean' } },
});
setAuditMac(createAuditMac(crypto.randomBytes(32)));
const database = await openPglite();
await migrateToLatest(database.db);
const now = new Date();
await seedDemo(database, {
  cipher: createPiiCipher(generatePiiKey()),
  until: now,
  households: 200,
  visits: 0,
  ...(values.cases ? { cases: Number(values.cases) } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
});
const district = await database.db
  .selectFrom('region')
  .select(['district_code', 'path'])
  .where('level', '=', 'district')
  .executeTakeFirstOrThrow();
const read = await readRecurringCases(
  database.db,
  { districtCode: district.district_code, paths: [district.path], departmentIds: [] },
  district.path,
  new Date(now.getTime() - 181 * DAY_MS),
  now,
);
const dayNo = (d: string) => Date.parse(d) / DAY_MS;
const latent = new Map<string, { ids: string[]; days: number[] }>();
for (const c of read.facts) {
  if (!c.categoryId) continue;
  const phrase = c.title.slice((c.placeNames?.[0] ?? '').length);
  const key = `${c.regionPath}|${c.categoryId}|${phrase}`;
  const l = latent.get(key) ?? { ids: [], days: [] };
  l.ids.push(c.id);
  l.days.push(dayNo(c.createdDay));
  latent.set(key, l);
}
const { minCases, minSpanDays } = DEFAULT_RECURRING_OPTIONS;
const truth = [...latent.values()]
  .filter((l) => l.ids.length >= minCases && Math.max(...l.days) - Math.min(...l.days) >= minSpanDays)
  .map((l) => l.ids);
const found = detectRecurringProblems(read.facts)
  .filter((p) => p.kind === 'recurring')
  .map((p) => p.caseIds);
console.log(
  JSON.stringify(
    {
      cases: read.facts.length,
      options: DEFAULT_RECURRING_OPTIONS,
      truth: truth.length,
      found: found.length,
      clusters: clusterScores(found, truth),
      pairs: pairScores(found, truth),
    },
    null,
    1,
  ),
);
if (values.verbose) {
  // The found clusters no true one matches, by their cases' titles and days.
  const fact = new Map(read.facts.map((c) => [c.id, c]));
  for (const f of found) {
    const matchedBy = truth.some((t) => {
      const inter = t.filter((id) => f.includes(id)).length;
      return inter / (f.length + t.length - inter) >= 0.5;
    });
    if (!matchedBy)
      console.log(f.map((id) => `${fact.get(id)?.title} ${fact.get(id)?.createdDay}`).join(' | '));
  }
}
await database.close();
