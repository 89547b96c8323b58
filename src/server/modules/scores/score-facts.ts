import type { Kysely } from 'kysely';
import { CASE_COUNTER_KEYS, type CaseCounters } from '../../../shared/figures/case-figures.ts';
import { addCounters } from '../../../shared/figures/counters.ts';
import {
  type CoverageFact,
  communityOf,
  type RateFact,
  type ScoringCase,
  type ScoringEvent,
  type ScoringFacts,
  type SpotCheckFact,
  unitKeysAt,
} from '../../../shared/figures/points.ts';
import type { ScoreSubject } from '../../../shared/figures/scores.ts';
import { SENT_DOWN_ROLES } from '../../../shared/figures/visit-figures.ts';
import { addDays } from '../../../shared/time/china-time.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import type { DB } from '../../db/schema.ts';
import { coverageByPlace } from '../coverage/coverage-figures.ts';
import { unitNames } from '../figures/figure-parts.ts';
import { storedCountersBy } from '../figures/rollups.ts';
import { createScoresRepository } from './scores.repository.ts';

export interface ScoresPlace {
  id: string;
  name: string;
  level: string;
  path: string;
}

type Detail = Record<string, unknown>;
const detailOf = (raw: unknown): Detail =>
  (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})) as Detail;

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
  const [communities, eventRows, spotRows, examples, byPlace, byUnit, coverage] = await Promise.all([
    repo.communitiesBelow(districtCode, place.path),
    repo.scoringEvents(districtCode, place.path, period.start, period.end),
    repo.spotChecksNotConfirmed(districtCode, place.path, period.start, period.end),
    repo.examplesMarked(districtCode, place.path, period.start, period.end),
    storedCountersBy(db, 'case', CASE_COUNTER_KEYS, districtCode, [place.path], period.from, to, 'place'),
    storedCountersBy(db, 'case', CASE_COUNTER_KEYS, districtCode, [place.path], period.from, to, 'unit'),
    coverageByPlace(db, districtCode, place.path, period),
  ]);
  const events: ScoringEvent[] = eventRows.map((r) => {
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
  const caseIds = new Set([...events.map((e) => e.caseId), ...examples.map((x) => x.case_id)]);
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
  const people = new Set<string>();
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
  const coverageOf = new Map<string, CoverageFact>();
  for (const [path, c] of coverage) {
    const id = communityOf(communityByPath, path);
    if (id === null) continue;
    const into = coverageOf.get(id) ?? { subject: id, households: 0, householdsVisited: 0 };
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
    examples: examples.map((x) => ({
      campaignId: x.campaign_id,
      caseId: x.case_id,
      markedAt: new Date(x.marked_at),
    })),
    rates,
    coverage: [...coverageOf.values()],
  };

  // Units: those holding a scored event's case, or with figures in the period.
  const unitKeys = new Set<string>([...byUnit.keys()].filter((k) => k !== ''));
  const unitAt = unitKeysAt(events);
  for (const e of events) {
    const unit = unitAt.get(e.id);
    if (unit && e.at >= period.start) unitKeys.add(unit);
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
