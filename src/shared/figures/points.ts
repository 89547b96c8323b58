import { NEUTRAL_SCORE } from '../domain/evaluation.ts';
import { milestoneMissedOn } from '../domain/hard-problem.ts';
import type { ScoreItem, ScoreRules } from '../domain/score-rules.ts';
import { addDays, cstDay, cstMidnight } from '../time/china-time.ts';
import { coveragePercent } from '../visits/coverage.ts';
import type { Period } from '../visits/periods.ts';
import { type CaseCounters, type CaseFigureRules, caseFigures } from './case-figures.ts';
import type { Rate } from './counters.ts';
import type { LeagueSubjects } from './league.ts';

/**
 * Points (issue 14 §1): what each fact of a period earns a community, a handling unit or a
 * sent-down cadre under a district's or street's scoring rules. A point is a record, never a
 * number computed in place: it names its item, its value in whole hundredths (so a score, their
 * sum, is exact), the day it was earned and the fact that earned it. Points are dated by when they
 * were earned (a case event's time), not by the case's creation day as the cohort figures are;
 * the composite of the three rates is the one point made from the period's figures.
 */

/** A case as its points need it (its current facts: difficulty, list, on the spot, ever overdue). */
export interface ScoringCase {
  id: string;
  number: string;
  regionPath: string;
  urgency: string;
  listType: string;
  onSpot: boolean;
  overdue: boolean;
  firstResponderId: string | null;
}

/**
 * One case event, in the case's order. `unit` is the handling unit the event set: a unit key
 * ('d:<department>', 'r:<region>'), '' when it cleared it (an escalation), undefined when it
 * left it as it was.
 */
export interface ScoringEvent {
  id: string;
  caseId: string;
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  rating: string | null;
  at: Date;
  unit?: string | undefined;
}

/** A spot-checked visit the resident did not confirm. */
export interface SpotCheckFact {
  spotCheckId: string;
  visitId: string;
  verifiedAt: Date;
  regionPath: string;
  visitorIds: readonly string[];
}

/**
 * A case marked as a campaign's example, or (with `exampleId`) a published example write-up of it
 * (issue 14 §6, `markedAt` its publication): both earn the one 'example' point of the case.
 */
export interface ExampleFact {
  campaignId: string;
  caseId: string;
  markedAt: Date;
  /** The published write-up (then `campaignId` is ''). */
  exampleId?: string;
}

/** A subject's cohort case counters for the period (the figures the dashboard shows). */
export interface RateFact {
  subject: string;
  subjectKind: LeagueSubjects;
  counters: CaseCounters;
}

/**
 * A community's households and those visited in the period (the coverage figures), and the
 * household coverage target its visit rules set for the period's kind (null: none).
 */
export interface CoverageFact {
  subject: string;
  households: number;
  householdsVisited: number;
  targetPercent?: number | null | undefined;
}

export interface ScoringFacts {
  period: Period;
  /** The communities scored, by path. */
  communities: ReadonlyMap<string, string>;
  /** Users holding a sent-down role: cadres earn points, other first responders do not. */
  sentDown: ReadonlySet<string>;
  cases: ReadonlyMap<string, ScoringCase>;
  /** Every event of the cases that had one in the period, up to its end, in case and seq order. */
  events: readonly ScoringEvent[];
  spotChecks: readonly SpotCheckFact[];
  examples: readonly ExampleFact[];
  rates: readonly RateFact[];
  coverage: readonly CoverageFact[];
  /** Findings not rectified by their due day (issue 14 §2–§3); absent: none. */
  findingsOverdue?: readonly FindingOverdueFact[];
  /** Subjects' results of evaluation rounds closed in the period (issue 14 §4); absent: none. */
  evaluations?: readonly EvaluationFact[];
  /** Hard-problem items finished as done and milestones (issue 14 §7); absent: none. */
  hardProblems?: readonly HardProblemFact[];
}

/**
 * A hard-problem item (攻坚破难清单) as the scores read it: its owner's subjects (a department's
 * unit key; a community's place and unit keys), when it was finished as done, and its milestones.
 */
export interface HardProblemFact {
  itemId: string;
  owners: readonly { kind: LeagueSubjects; key: string }[];
  doneAt: Date | null;
  /** The Beijing day it was finished (done or closed), if it was. */
  finishedOn: string | null;
  milestones: readonly { id: string; targetDate: string; doneOn: string | null }[];
}

/** A subject's frozen result of a closed evaluation round (两评). */
export interface EvaluationFact {
  roundId: string;
  closedAt: Date;
  subject: string;
  subjectKind: LeagueSubjects;
  /** The overall mean rating, 1–5. */
  mean: number;
  ratings: number;
}

/** A finding its subject did not answer by its due day: overdue from the next Beijing day on. */
export interface FindingOverdueFact {
  findingId: string;
  subject: string;
  subjectKind: LeagueSubjects;
  /** The Beijing day it was due. */
  dueOn: string;
  sourceKind: string;
}

export type PointSourceKind =
  | 'case_event'
  | 'spot_check_item'
  | 'campaign_example'
  | 'published_example'
  | 'figure'
  | 'finding'
  | 'evaluation_round'
  | 'hard_problem_item';

export interface ScorePoint {
  /** The subject's league key: a community's region id, 'd:' / 'r:' unit, 'u:' cadre. */
  subject: string;
  subjectKind: LeagueSubjects;
  /** Unique per subject and period: one fact counts once for one subject. */
  key: string;
  item: ScoreItem;
  /** Hundredths of a point. */
  cp: number;
  /** The Beijing day it was earned. */
  day: string;
  /** The instant it was earned (ISO). */
  at: string;
  source: { kind: PointSourceKind; id: string; caseId: string | null; caseNumber: string | null };
  detail: Record<string, unknown>;
}

const toCp = (points: number) => Math.round(points * 100);

/** The community a place path lies in (none for a place above community level). */
export function communityOf(communities: ReadonlyMap<string, string>, path: string): string | null {
  const codes = path.split('.');
  for (let n = codes.length; n >= 1; n--) {
    const id = communities.get(codes.slice(0, n).join('.'));
    if (id !== undefined) return id;
  }
  return null;
}

/**
 * The handling unit of a case after each of its events (seq → unit key, '' for none), replaying
 * dispatch, redispatch, re-handling and escalation. Events must be in seq order per case.
 */
export function unitKeysAt(events: readonly ScoringEvent[]): Map<string, string> {
  const current = new Map<string, string>();
  const out = new Map<string, string>();
  for (const e of events) {
    if (e.unit !== undefined) current.set(e.caseId, e.unit);
    out.set(e.id, current.get(e.caseId) ?? '');
  }
  return out;
}

/** The unit holding a case at `at`: the one set by its last event up to then ('' for none). */
export function unitHolding(
  events: readonly ScoringEvent[],
  units: ReadonlyMap<string, string>,
  caseId: string,
  at: Date,
): string {
  const last = events.filter((e) => e.caseId === caseId && e.at <= at).at(-1);
  return last ? (units.get(last.id) ?? '') : '';
}

const CLOSE_OVERRIDES: ReadonlySet<string> = new Set(['close_override', 'close_unreachable']);

function solvedValue(rules: ScoreRules, c: ScoringCase): number {
  if (c.listType === 'hard_problem') return rules.solved.hardProblem;
  if (c.urgency === 'urgent') return rules.solved.urgent;
  if (c.urgency === 'important') return rules.solved.important;
  return rules.solved.ordinary;
}

/** The weighted mean of the rates that have a denominator, times the scale; null without any. */
export function compositeOf(
  rates: { response: Rate; solution: Rate; satisfaction: Rate },
  composite: ScoreRules['composite'],
): number | null {
  let sum = 0;
  let weights = 0;
  for (const part of ['response', 'solution', 'satisfaction'] as const) {
    const value = rates[part].value;
    if (value === null || composite[part] === 0) continue;
    sum += composite[part] * value;
    weights += composite[part];
  }
  return weights === 0 ? null : (composite.scale * sum) / weights;
}

/**
 * The points the facts earn in the period under `rules`. Facts dated outside the period earn
 * nothing; items worth 0, or not applying to a kind of subject, are not emitted; one fact counts
 * once per subject (the first by time wins a key).
 */
export function scoringPoints(
  facts: ScoringFacts,
  rules: ScoreRules,
  caseRules?: CaseFigureRules,
): ScorePoint[] {
  const { period } = facts;
  const inPeriod = (at: Date) => at >= period.start && at < period.end;
  const out: ScorePoint[] = [];
  const seen = new Set<string>();
  const emit = (
    subjects: { kind: LeagueSubjects; key: string | null }[],
    appliesTo: readonly LeagueSubjects[],
    point: Omit<ScorePoint, 'subject' | 'subjectKind' | 'cp'>,
    value: number,
  ) => {
    const cp = toCp(value);
    if (cp === 0) return;
    for (const s of subjects) {
      if (s.key === null || s.key === '' || !appliesTo.includes(s.kind)) continue;
      const id = `${s.key}|${point.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ ...point, subject: s.key, subjectKind: s.kind, cp });
    }
  };

  const units = unitKeysAt(facts.events);
  const firstOverdue = new Map<string, string>();
  for (const e of facts.events)
    if (e.action === 'overdue' && !firstOverdue.has(e.caseId)) firstOverdue.set(e.caseId, e.id);

  for (const e of facts.events) {
    const c = facts.cases.get(e.caseId);
    if (!c || !inPeriod(e.at)) continue;
    const cadre =
      c.firstResponderId && facts.sentDown.has(c.firstResponderId) ? `u:${c.firstResponderId}` : null;
    const subjects = [
      { kind: 'places' as const, key: communityOf(facts.communities, c.regionPath) },
      { kind: 'units' as const, key: units.get(e.id) ?? '' },
      { kind: 'cadres' as const, key: cadre },
    ];
    const base = (item: ScoreItem, key: string) => ({
      key,
      item,
      day: cstDay(e.at),
      at: e.at.toISOString(),
      source: { kind: 'case_event' as const, id: e.id, caseId: c.id, caseNumber: c.number },
      detail: { action: e.action, seq: e.seq },
    });
    const flat = (item: keyof ScoreRules['items'], key: string) =>
      emit(subjects, rules.items[item].appliesTo, base(item, key), rules.items[item].points);

    if (e.toState === 'closed' && e.fromState !== 'closed' && !CLOSE_OVERRIDES.has(e.action)) {
      emit(
        subjects,
        rules.solved.appliesTo,
        {
          ...base('solved', `solved:${c.id}`),
          detail: { action: e.action, seq: e.seq, urgency: c.urgency, listType: c.listType },
        },
        solvedValue(rules, c),
      );
      if (c.onSpot) flat('on_spot', `on_spot:${c.id}`);
      if (!c.overdue) flat('on_time', `on_time:${c.id}`);
    }
    if (e.action === 'overdue') {
      if (firstOverdue.get(c.id) === e.id) flat('overdue', `overdue:${c.id}`);
      flat('reminder', `reminder:${e.id}`);
    }
    if (e.action === 'supervise') flat('supervised', `supervised:${e.id}`);
    if (e.action === 'rate' && e.rating === 'unsatisfied') flat('unsatisfied', `unsatisfied:${e.id}`);
    if (e.toState === 'reopened' && e.fromState !== 'reopened') flat('reopened', `reopened:${e.id}`);
  }

  for (const s of facts.spotChecks) {
    if (!inPeriod(s.verifiedAt)) continue;
    const item = rules.items.spot_check_not_confirmed;
    emit(
      [
        { kind: 'places', key: communityOf(facts.communities, s.regionPath) },
        ...s.visitorIds
          .filter((id) => facts.sentDown.has(id))
          .map((id) => ({ kind: 'cadres' as const, key: `u:${id}` })),
      ],
      item.appliesTo,
      {
        key: `spot_check:${s.spotCheckId}:${s.visitId}`,
        item: 'spot_check_not_confirmed',
        day: cstDay(s.verifiedAt),
        at: s.verifiedAt.toISOString(),
        source: { kind: 'spot_check_item', id: s.visitId, caseId: null, caseNumber: null },
        detail: { spotCheckId: s.spotCheckId },
      },
      item.points,
    );
  }

  // The first by time wins the case's key, whichever kind of example it is.
  for (const x of [...facts.examples].sort((a, b) => a.markedAt.getTime() - b.markedAt.getTime())) {
    const c = facts.cases.get(x.caseId);
    if (!c || !inPeriod(x.markedAt)) continue;
    const item = rules.items.example;
    emit(
      [
        { kind: 'places', key: communityOf(facts.communities, c.regionPath) },
        { kind: 'units', key: unitHolding(facts.events, units, c.id, x.markedAt) },
        {
          kind: 'cadres',
          key:
            c.firstResponderId && facts.sentDown.has(c.firstResponderId) ? `u:${c.firstResponderId}` : null,
        },
      ],
      item.appliesTo,
      {
        key: `example:${c.id}`,
        item: 'example',
        day: cstDay(x.markedAt),
        at: x.markedAt.toISOString(),
        source: x.exampleId
          ? { kind: 'published_example', id: x.exampleId, caseId: c.id, caseNumber: c.number }
          : { kind: 'campaign_example', id: x.campaignId, caseId: c.id, caseNumber: c.number },
        detail: {},
      },
      item.points,
    );
  }

  for (const f of facts.findingsOverdue ?? []) {
    const day = addDays(f.dueOn, 1);
    const at = cstMidnight(day);
    if (!inPeriod(at)) continue;
    const item = rules.items.finding_overdue;
    emit(
      [{ kind: f.subjectKind, key: f.subject }],
      item.appliesTo,
      {
        key: `finding_overdue:${f.findingId}`,
        item: 'finding_overdue',
        day,
        at: at.toISOString(),
        source: { kind: 'finding', id: f.findingId, caseId: null, caseNumber: null },
        detail: { dueOn: f.dueOn, source: f.sourceKind },
      },
      item.points,
    );
  }

  // A round's result counts on the day it was closed: points per point of mean above (below) 3.
  for (const x of facts.evaluations ?? []) {
    if (!inPeriod(x.closedAt)) continue;
    const item = rules.items.evaluation;
    emit(
      [{ kind: x.subjectKind, key: x.subject }],
      item.appliesTo,
      {
        key: `evaluation:${x.roundId}`,
        item: 'evaluation',
        day: cstDay(x.closedAt),
        at: x.closedAt.toISOString(),
        source: { kind: 'evaluation_round', id: x.roundId, caseId: null, caseNumber: null },
        detail: { mean: x.mean, ratings: x.ratings },
      },
      (x.mean - NEUTRAL_SCORE) * item.points,
    );
  }

  // An item done earns its owner on the day it was finished; a milestone not done by its target
  // date costs it on the day after.
  for (const h of facts.hardProblems ?? []) {
    const source = { kind: 'hard_problem_item' as const, id: h.itemId, caseId: null, caseNumber: null };
    if (h.doneAt && inPeriod(h.doneAt)) {
      const item = rules.items.hard_problem_done;
      emit(
        [...h.owners],
        item.appliesTo,
        {
          key: `hard_problem_done:${h.itemId}`,
          item: 'hard_problem_done',
          day: cstDay(h.doneAt),
          at: h.doneAt.toISOString(),
          source,
          detail: {},
        },
        item.points,
      );
    }
    for (const m of h.milestones) {
      const day = milestoneMissedOn(m, h.finishedOn);
      if (day === null) continue;
      const at = cstMidnight(day);
      if (!inPeriod(at)) continue;
      const item = rules.items.milestone_missed;
      emit(
        [...h.owners],
        item.appliesTo,
        {
          key: `milestone_missed:${m.id}`,
          item: 'milestone_missed',
          day,
          at: at.toISOString(),
          source,
          detail: { milestoneId: m.id, targetDate: m.targetDate, doneOn: m.doneOn },
        },
        item.points,
      );
    }
  }

  // Figure points are the period's: earned on its last day, at its last instant.
  const end = new Date(period.end.getTime() - 1);
  for (const c of facts.coverage) {
    // The scoring rules' own target, else the one the community's visit rules set.
    const target = rules.coverage.targetPercent ?? c.targetPercent ?? null;
    if (c.households <= 0 || target === null) continue;
    const percent = coveragePercent(c.householdsVisited, c.households);
    const short = Math.max(0, target - percent);
    emit(
      [{ kind: 'places', key: c.subject }],
      ['places'],
      {
        key: 'coverage_short',
        item: 'coverage_short',
        day: period.to,
        at: end.toISOString(),
        source: { kind: 'figure', id: c.subject, caseId: null, caseNumber: null },
        detail: { households: c.households, householdsVisited: c.householdsVisited, percent, target },
      },
      short * rules.coverage.perPointShort,
    );
  }
  for (const r of facts.rates) {
    const f = caseFigures(r.counters, caseRules);
    const rates = { response: f.responseRate, solution: f.solutionRate, satisfaction: f.satisfactionRate };
    const value = compositeOf(rates, rules.composite);
    if (value === null) continue;
    emit(
      [{ kind: r.subjectKind, key: r.subject }],
      rules.composite.appliesTo,
      {
        key: 'composite',
        item: 'composite',
        day: period.to,
        at: end.toISOString(),
        source: { kind: 'figure', id: subjectId(r.subject), caseId: null, caseNumber: null },
        detail: {
          ...rates,
          weights: {
            response: rules.composite.response,
            solution: rules.composite.solution,
            satisfaction: rules.composite.satisfaction,
          },
          scale: rules.composite.scale,
        },
      },
      value,
    );
  }
  return out;
}

/** The id inside a subject key ('d:<id>', 'r:<id>', 'u:<id>', or a place's id itself). */
export function subjectId(subject: string): string {
  return /^[dru]:/.test(subject) ? subject.slice(2) : subject;
}
