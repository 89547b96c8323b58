import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import { caseRulesOf } from '../../../shared/domain/assessment-rules.ts';
import type { CampaignGridRow, CampaignReport, CampaignUnitRow } from '../../../shared/domain/campaign.ts';
import { caseFigures } from '../../../shared/figures/case-figures.ts';
import { addCounters } from '../../../shared/figures/counters.ts';
import {
  VISIT_COUNTER_KEYS,
  type VisitCounters,
  visitFigures,
} from '../../../shared/figures/visit-figures.ts';
import { addDays, cstMidnight } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { caseCountersIn } from '../cases/case-figures.ts';
import { createCoverageRepository, type SubjectCounts } from '../coverage/coverage.repository.ts';
import { createExampleRepository } from '../examples/examples.repository.ts';
import { storedCountersBy } from '../figures/rollups.ts';
import { campaignView, exampleView } from './campaign-views.ts';
import { createCampaignRepository } from './campaigns.repository.ts';
import { campaignInScope, campaignReadScope } from './read-campaigns.ts';

const COVERAGE_KEYS = ['inScope', 'visited'] as const;
const NOTHING: SubjectCounts = { inScope: 0, visited: 0 };

/** The visit counters of the places `at` reaches (a unit's or a grid's subtree), added up. */
function countersAt(byPlace: Map<string, VisitCounters>, at: string): VisitCounters {
  return addCounters(
    VISIT_COUNTER_KEYS,
    ...[...byPlace].filter(([place]) => reaches(at, place)).map(([, c]) => c),
  );
}

/**
 * A campaign's report (issue 12 §6), as the published accounts put it: the case figures of the
 * cases recorded in its place and period and the visit figures of the visits started there, from
 * the figures kept beside the data (figures/rollups.ts, shared/figures/: never a recount); coverage
 * per community from the coverage query; people sent down per grid from the visitors; and the
 * examples the caller may read. The caller must read both cases and visits there; elsewhere the
 * campaign is NOT_FOUND.
 */
export async function campaignReport(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<CampaignReport> {
  const scope = campaignReadScope(principal);
  const row = await campaignInScope(db, scope, id);
  const district = scope.districtCode;
  const path = row.region_path;
  const from = dateColumn(row.from_day);
  const end = addDays(dateColumn(row.to_day), 1);
  const interval = { start: cstMidnight(from), end: cstMidnight(end) };
  const coverage = createCoverageRepository(db);
  const repo = createCampaignRepository(db);
  const [cases, visitsByPlace, households, enterprises, units, grids, sentDown, examples] = await Promise.all(
    [
      caseCountersIn(db, district, [path], from, end),
      storedCountersBy(db, 'visit', VISIT_COUNTER_KEYS, district, [path], from, end, 'place'),
      coverage.subjectCoverageByUnit(district, path, 'household', interval),
      coverage.subjectCoverageByUnit(district, path, 'enterprise', interval),
      coverage.childUnits(scope, row.region_id),
      repo.gridsIn(district, path),
      repo.sentDownVisitors(district, path, interval.start, interval.end),
      repo.examples(caseScopeFor(principal), row.id),
    ],
  );
  const writeUps = await createExampleRepository(db).publishedIn(
    district,
    path,
    from,
    dateColumn(row.to_day),
  );
  const covered = (h: SubjectCounts, e: SubjectCounts) => ({
    households: h.inScope,
    householdsVisited: h.visited,
    enterprises: e.inScope,
    enterprisesVisited: e.visited,
  });
  const visits = visitFigures(
    countersAt(visitsByPlace, path),
    covered(
      addCounters(COVERAGE_KEYS, ...households.values()),
      addCounters(COVERAGE_KEYS, ...enterprises.values()),
    ),
  );
  const byUnit: CampaignUnitRow[] = units.map((u) => {
    const f = visitFigures(
      countersAt(visitsByPlace, u.path),
      covered(households.get(u.path) ?? NOTHING, enterprises.get(u.path) ?? NOTHING),
    );
    return {
      region: { id: u.id, name: u.name, level: u.level },
      visits: f.visits,
      householdVisits: f.householdVisits,
      enterpriseVisits: f.enterpriseVisits,
      problemsFound: f.problemsFound,
      solvedOnSpot: f.solvedOnSpot,
      opinionsCollected: f.opinionsCollected,
      householdsCovered: f.householdsCovered,
      householdCoveragePercent: f.householdCoveragePercent,
    };
  });
  const byGrid: CampaignGridRow[] = grids.map((g) => {
    const f = visitFigures(countersAt(visitsByPlace, g.path), covered(NOTHING, NOTHING));
    const people = new Set(sentDown.filter((s) => reaches(g.path, s.path)).map((s) => s.user_id));
    return {
      region: { id: g.id, name: g.name, level: g.level },
      visits: f.visits,
      householdVisits: f.householdVisits,
      enterpriseVisits: f.enterpriseVisits,
      problemsFound: f.problemsFound,
      peopleSentDown: people.size,
    };
  });
  return {
    campaign: campaignView(row),
    cases: caseFigures(cases, caseRulesOf(await readAssessmentRules(db, district))),
    visits,
    peopleSentDown: new Set(sentDown.map((s) => s.user_id)).size,
    byUnit,
    byGrid,
    examples: examples.map(exampleView),
    writeUps: writeUps.map((w) => ({
      id: w.id,
      title: w.title,
      subjectKind: w.subject_kind,
      regionName: w.region_name ?? '',
      publishedAt: new Date(w.published_at as Date).toISOString(),
    })),
  };
}
