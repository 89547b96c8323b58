import type { Kysely } from 'kysely';
import { reaches, streetPathOf } from '../../../shared/auth/reach.ts';
import { wasOverdue } from '../../../shared/domain/findings.ts';
import { CASE_COUNTER_KEYS, type CaseCounters } from '../../../shared/figures/case-figures.ts';
import { addCounters } from '../../../shared/figures/counters.ts';
import type { LeagueSubjects } from '../../../shared/figures/league.ts';
import {
  type CoverageFact,
  communityOf,
  type EvaluationFact,
  type FindingOverdueFact,
  type RateFact,
  type ScoringCase,
  type ScoringEvent,
  type ScoringFacts,
  type SpotCheckFact,
  subjectId,
  unitHolding,
  unitKeysAt,
} from '../../../shared/figures/points.ts';
import type { ScoreSubject } from '../../../shared/figures/scores.ts';
import { SENT_DOWN_ROLES } from '../../../shared/figures/visit-figures.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import { householdCoverageTarget } from '../../../shared/visits/rules.ts';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import { coverageByPlace } from '../coverage/coverage-figures.ts';
import { createEvaluationRepository } from '../evaluation/evaluation.repository.ts';
import { createExampleRepository } from '../examples/examples.repository.ts';
import { unitNames } from '../figures/figure-parts.ts';
import { storedCountersBy } from '../figures/rollups.ts';
import { createFindingsRepository } from '../findings/findings.repository.ts';
import { readHardProblemFacts } from '../hard-problems/hard-problem-facts.ts';
import { createVisitPlanRepository } from '../visit-plans/visit-plans.repository.ts';
import { createScoresRepository } from './scores.repository.ts';

export interface ScoresPlace {
  id: string;
  name: string;
  level: string;
  path: string;
}

type Detail = Record<string, unknown>;
const detailOf = (raw: unknown): Detail => jsonColumn<Detail | null>(raw) ?? {};

/** A subject key's kind: 'd:' / 'r:' units, 'u:' cadres, a place's id otherwise. */
const subjectKindOf = (key: string): LeagueSubjects =>
  key.startsWith('u:') ? 'cadres' : /^[dr]:/.test(key) ? 'units' : 'places';

/** The unit an event set: a unit key, '' when an escalation cleared it, undefined when untouched. */
function unitSet(action: string, detail: Detail): string | undefined {
  if (action === 'escalate') return '';
  const unit = detail.unit as { kind?: string; id?: string } | undefined;
  if (!unit?.id || !['dispatch', 'redispatch', 'rehandle'].includes(action)) return undefined;
  return unit.kind === 'department' ? `d:${unit.id}` : `r:${unit.id}`;
}

/**
 * The facts a period's scores below a place are made of, as stored — case events, spot checks,
 * examples, the kept case counters per community and unit — and the subjects they may score. No
 * arithmetic here: shared/figures/points.ts turns the facts into points.
 */
export async function readScoringFacts(
  db: Kysely<DB>,
  districtCode: string,
  place: ScoresPlace,
  period: Period,
): Promise<{ facts: ScoringFacts; subjects: ScoreSubject[] }> {
  const repo = createScoresRepository(db);
  const to = addDays(period.to, 1);
  // Published write-ups (issue 14 §6) earn the same 'example' point as a campaign's mark: the
  // first by time wins the case's `example:<caseId>` key (shared/figures/points.ts).
  const [communities, eventRows, spotRows, examples, published, byPlace, byUnit, coverage] =
    await Promise.all([
      repo.communitiesBelow(districtCode, place.path),
      repo.scoringEvents(districtCode, place.path, period.start, period.end),
      repo.spotChecksNotConfirmed(districtCode, place.path, period.start, period.end),
      repo.examplesMarked(districtCode, place.path, period.start, period.end),
      createExampleRepository(db).publishedCaseExamples(districtCode, place.path, period.start, period.end),
      storedCountersBy(db, 'case', CASE_COUNTER_KEYS, districtCode, [place.path], period.from, to, 'place'),
      storedCountersBy(db, 'case', CASE_COUNTER_KEYS, districtCode, [place.path], period.from, to, 'unit'),
      coverageByPlace(db, districtCode, place.path, period),
    ]);
  // An example's case usually closed in an earlier period: its handling unit comes from its
  // history, which the period's own events do not hold.
  const touched = new Set(eventRows.map((r) => r.case_id));
  const untouched = [...new Set([...examples, ...published].map((x) => x.case_id))].filter(
    (id) => !touched.has(id),
  );
  const history = [...eventRows, ...(await repo.scoringEventsOf(districtCode, untouched, period.end))];
  const events: ScoringEvent[] = history.map((r) => {
    const detail = detailOf(r.detail);
    return {
      id: r.id,
      caseId: r.case_id,
      seq: Number(r.seq),
      action: r.action,
      fromState: r.from_state,
      toState: r.to_state,
      rating: typeof detail.rating === 'string' ? detail.rating : null,
      at: new Date(r.created_at),
      unit: unitSet(r.action, detail),
    };
  });
  const caseIds = new Set([
    ...events.map((e) => e.caseId),
    ...examples.map((x) => x.case_id),
    ...published.map((x) => x.case_id),
  ]);
  const caseRows = await repo.casesOf(districtCode, [...caseIds]);
  const cases = new Map<string, ScoringCase>(
    caseRows.map((c) => [
      c.id,
      {
        id: c.id,
        number: c.number,
        regionPath: c.region_path,
        urgency: c.urgency,
        listType: c.list_type,
        onSpot: c.on_spot,
        overdue: c.overdue,
        firstResponderId: c.first_responder_id,
      },
    ]),
  );
  const spot = new Map<string, SpotCheckFact>();
  for (const r of spotRows) {
    const id = `${r.spot_check_id}:${r.visit_id}`;
    const fact = spot.get(id) ?? {
      spotCheckId: r.spot_check_id,
      visitId: r.visit_id,
      verifiedAt: new Date(r.verified_at as Date),
      regionPath: r.region_path,
      visitorIds: [r.recorded_by],
    };
    if (r.visitor_id && !fact.visitorIds.includes(r.visitor_id))
      fact.visitorIds = [...fact.visitorIds, r.visitor_id];
    spot.set(id, fact);
  }
  // Findings not rectified by their due day, overdue from the next day; only days already begun.
  const now = new Date();
  const findingsOverdue: FindingOverdueFact[] = (
    await createFindingsRepository(db).overdueIn(
      districtCode,
      place.path,
      period.from,
      period.to,
      cstDay(now),
    )
  )
    .filter((f) => wasOverdue({ dueOn: dateColumn(f.due_on), answeredAt: f.answered_at }, now))
    .map((f) => ({
      findingId: f.id,
      subject: f.subject_key,
      subjectKind: subjectKindOf(f.subject_key),
      dueOn: dateColumn(f.due_on),
      sourceKind: f.source_kind,
    }));
  // Results of evaluation rounds closed in the period, on this place's branch (两评). A round
  // opened above the place (the district's) rates the cadres sent down to every street: this
  // table takes those sent down at or below its place, as the place's own rounds rate.
  const evaluationRepo = createEvaluationRepository(db);
  const resultRows = await evaluationRepo.closedResultsNear(
    districtCode,
    place.path,
    period.start,
    period.end,
  );
  const above = resultRows.some((r) => !reaches(place.path, r.region_path));
  const sentDownHere = above
    ? new Set((await evaluationRepo.sentDownTo(districtCode, place.path)).map((p) => p.id))
    : new Set<string>();
  const evaluations: EvaluationFact[] = resultRows
    .filter(
      (r) =>
        reaches(place.path, r.region_path) ||
        subjectKindOf(r.subject_key) !== 'cadres' ||
        sentDownHere.has(subjectId(r.subject_key)),
    )
    .map((r) => ({
      roundId: r.round_id,
      closedAt: new Date(r.closed_at as Date),
      subject: r.subject_key,
      subjectKind: subjectKindOf(r.subject_key),
      mean: Number(r.overall_mean),
      ratings: Number(r.ratings),
    }));
  // Hard-problem items done and milestones missed, for their owning units (攻坚破难清单).
  const hardProblems = await readHardProblemFacts(db, districtCode, place.path, period, now);
  const people = new Set<string>();
  for (const x of evaluations) if (x.subjectKind === 'cadres') people.add(subjectId(x.subject));
  for (const f of findingsOverdue) if (f.subjectKind === 'cadres') people.add(subjectId(f.subject));
  for (const c of cases.values()) if (c.firstResponderId) people.add(c.firstResponderId);
  for (const s of spot.values()) for (const v of s.visitorIds) people.add(v);
  const roleRows = await repo.usersWithRoles(districtCode, [...people], SENT_DOWN_ROLES);
  const cadres = new Map<string, { name: string; roles: string[] }>();
  for (const r of roleRows) {
    const c = cadres.get(r.id) ?? { name: r.display_name, roles: [] };
    c.roles.push(r.role);
    cadres.set(r.id, c);
  }

  const communityByPath = new Map(communities.map((c) => [c.path, c.id]));
  const placeCounters = new Map<string, CaseCounters>();
  for (const [path, counters] of byPlace) {
    const id = communityOf(communityByPath, path);
    if (id === null) continue;
    const before = placeCounters.get(id);
    placeCounters.set(id, before ? addCounters(CASE_COUNTER_KEYS, before, counters) : counters);
  }
  // Each street's visit rules (its own, else the district's) set its communities' coverage target.
  const plans = createVisitPlanRepository(db);
  const targetOf = new Map<string, number | null>();
  for (const street of new Set(communities.map((c) => streetPathOf(c.path)))) {
    const rules = (await plans.activeRulesFor(districtCode, street)).map((r) => ({
      ...r,
      regionPath: r.region_path,
    }));
    targetOf.set(street ?? '', householdCoverageTarget(rules, street, period.kind));
  }
  const coverageOf = new Map<string, CoverageFact>();
  for (const [path, c] of coverage) {
    const id = communityOf(communityByPath, path);
    if (id === null) continue;
    const into = coverageOf.get(id) ?? {
      subject: id,
      households: 0,
      householdsVisited: 0,
      targetPercent: targetOf.get(streetPathOf(path) ?? '') ?? null,
    };
    into.households += c.households;
    into.householdsVisited += c.householdsVisited;
    coverageOf.set(id, into);
  }
  const rates: RateFact[] = [
    ...[...placeCounters].map(([subject, counters]) => ({
      subject,
      subjectKind: 'places' as const,
      counters,
    })),
    ...[...byUnit]
      .filter(([key]) => key !== '')
      .map(([subject, counters]) => ({ subject, subjectKind: 'units' as const, counters })),
  ];

  const facts: ScoringFacts = {
    period,
    communities: communityByPath,
    sentDown: new Set(cadres.keys()),
    cases,
    events,
    spotChecks: [...spot.values()],
    examples: [
      ...examples.map((x) => ({
        campaignId: x.campaign_id,
        caseId: x.case_id,
        markedAt: new Date(x.marked_at),
      })),
      ...published.map((x) => ({
        campaignId: '',
        exampleId: x.id,
        caseId: x.case_id,
        markedAt: new Date(x.published_at as Date),
      })),
    ],
    rates,
    coverage: [...coverageOf.values()],
    findingsOverdue,
    evaluations,
    hardProblems,
  };

  // Units: those holding a scored event's case, or with figures in the period.
  const unitKeys = new Set<string>([...byUnit.keys()].filter((k) => k !== ''));
  for (const f of findingsOverdue) if (f.subjectKind === 'units') unitKeys.add(f.subject);
  for (const h of hardProblems) for (const o of h.owners) if (o.kind === 'units') unitKeys.add(o.key);
  const unitAt = unitKeysAt(events);
  for (const e of events) {
    const unit = unitAt.get(e.id);
    if (unit && e.at >= period.start) unitKeys.add(unit);
  }
  // An example's unit earns its point in the period of the mark, whenever the case was handled.
  for (const x of facts.examples) {
    const unit = unitHolding(events, unitAt, x.caseId, x.markedAt);
    if (unit) unitKeys.add(unit);
  }
  const [names, levels] = await Promise.all([
    unitNames(db, districtCode, unitKeys),
    repo.departmentLevels(
      districtCode,
      [...unitKeys].filter((k) => k.startsWith('d:')).map((k) => k.slice(2)),
    ),
  ]);
  const subjects: ScoreSubject[] = [
    ...communities.map((c) => ({
      key: c.id,
      kind: 'places' as const,
      name: c.name,
      path: c.path,
      regionKind: c.kind,
    })),
    ...[...unitKeys].map((key) => ({
      key,
      kind: 'units' as const,
      name: names.get(key) ?? key,
      departmentLevel: key.startsWith('d:') ? (levels.get(key.slice(2)) ?? null) : null,
    })),
    ...[...cadres].map(([id, c]) => ({
      key: `u:${id}`,
      kind: 'cadres' as const,
      name: c.name,
      roles: c.roles,
    })),
  ];
  return { facts, subjects };
}
