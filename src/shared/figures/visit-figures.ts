import { VISIT_FORMS, VISIT_TARGETS, type VisitForm } from '../domain/visit.ts';
import { coveragePercent } from '../visits/coverage.ts';
import { type Counters, emptyCounters } from './counters.ts';

/**
 * The visit figures, defined once: what one visit adds to the counters of the Beijing day it
 * started (`visitCounters`), and a period's figures from the summed counters (`visitFigures`).
 * Coverage is not a sum (a household visited twice counts once), so it comes in beside the
 * counters from the coverage query and is put in the same words here.
 */
export type VisitTargetType = (typeof VISIT_TARGETS)[number];

/** The roles that make a visit one "by leaders and cadres sent down" (下沉). */
export const SENT_DOWN_ROLES = ['leader', 'cadre'] as const;

/** Whether a visit whose visitors hold these roles counts as one by leaders and cadres. */
export function isSentDown(visitorRoles: readonly string[]): boolean {
  return visitorRoles.some((r) => (SENT_DOWN_ROLES as readonly string[]).includes(r));
}

/** A visit as the figures see it. */
export interface VisitFigureFacts {
  targetType: VisitTargetType;
  form: VisitForm;
  isNight: boolean;
  /** A leader or a cadre sent down (下沉干部) went on it (recording it or as a companion). */
  byLeaderOrCadre: boolean;
  /** Problems raised on it (cases, on-the-spot ones included). */
  problems: number;
  /** Of those, solved on the spot (即知即办). */
  solvedOnSpot: number;
  /** Opinions and suggestions collected (意见建议). */
  opinions: number;
  /** People present at a forum or collection point. */
  attendance: number;
  /** Aid delivered in yuan: the sum of the amounts recorded on its services (domain/visit.ts `aidTotal`). */
  aidYuan: number;
}

export const VISIT_COUNTER_KEYS = [
  'visits',
  ...VISIT_TARGETS.map((t) => `target_${t}` as const),
  ...VISIT_FORMS.map((f) => `form_${f}` as const),
  'night',
  'by_leader_or_cadre',
  'problems',
  'solved_on_spot',
  'opinions',
  'attendance',
  // Yuan with fen as decimals: the only counter that is not a count.
  'aid_yuan',
] as const;
export type VisitCounterKey = (typeof VISIT_COUNTER_KEYS)[number];
export type VisitCounters = Counters<VisitCounterKey>;

export function visitCounters(v: VisitFigureFacts): VisitCounters {
  const n = emptyCounters(VISIT_COUNTER_KEYS);
  n.visits = 1;
  n[`target_${v.targetType}`] = 1;
  n[`form_${v.form}`] = 1;
  n.night = v.isNight ? 1 : 0;
  n.by_leader_or_cadre = v.byLeaderOrCadre ? 1 : 0;
  n.problems = v.problems;
  n.solved_on_spot = v.solvedOnSpot;
  n.opinions = v.opinions;
  n.attendance = v.attendance;
  n.aid_yuan = v.aidYuan;
  return n;
}

/** Households and enterprises in scope and those visited in the period (from the coverage query). */
export interface CoverageCounts {
  households: number;
  householdsVisited: number;
  enterprises: number;
  enterprisesVisited: number;
}

/** The fields of `CoverageCounts`, for adding them up (shared/figures/counters.ts `addCounters`). */
export const COVERAGE_COUNT_KEYS = [
  'households',
  'householdsVisited',
  'enterprises',
  'enterprisesVisited',
] as const satisfies readonly (keyof CoverageCounts)[];

/** Household and enterprise coverage as whole per cent (shared/visits/coverage.ts). */
export function coveragePercents(coverage: CoverageCounts): {
  householdCoveragePercent: number;
  enterpriseCoveragePercent: number;
} {
  return {
    householdCoveragePercent: coveragePercent(coverage.householdsVisited, coverage.households),
    enterpriseCoveragePercent: coveragePercent(coverage.enterprisesVisited, coverage.enterprises),
  };
}

/** Coverage of a place with nothing in scope and nothing visited. */
export const NO_COVERAGE: CoverageCounts = {
  households: 0,
  householdsVisited: 0,
  enterprises: 0,
  enterprisesVisited: 0,
};

export interface VisitFigures {
  visits: number;
  householdVisits: number;
  enterpriseVisits: number;
  /** Forums (座谈会) and collection points (驻点收集) held. */
  forumAndCollectionVisits: number;
  dayVisits: number;
  nightVisits: number;
  byForm: Record<VisitForm, number>;
  byLeaderOrCadre: number;
  problemsFound: number;
  solvedOnSpot: number;
  opinionsCollected: number;
  attendance: number;
  /** Yuan recorded on the visits' services, rounded to the fen. */
  aidDelivered: number;
  householdsCovered: number;
  enterprisesCovered: number;
  /** Whole per cent, rounded down; 100 when nothing is in scope (shared/visits/coverage.ts). */
  householdCoveragePercent: number;
  enterpriseCoveragePercent: number;
}

export function visitFigures(n: VisitCounters, coverage: CoverageCounts): VisitFigures {
  return {
    visits: n.visits,
    householdVisits: n.target_household,
    enterpriseVisits: n.target_enterprise,
    forumAndCollectionVisits: n.target_forum + n.target_collection_point,
    dayVisits: n.visits - n.night,
    nightVisits: n.night,
    byForm: Object.fromEntries(VISIT_FORMS.map((f) => [f, n[`form_${f}`]])) as Record<VisitForm, number>,
    byLeaderOrCadre: n.by_leader_or_cadre,
    problemsFound: n.problems,
    solvedOnSpot: n.solved_on_spot,
    opinionsCollected: n.opinions,
    attendance: n.attendance,
    // Summed across many rows as decimals (SQL) or floats (a rebuild): back to whole fen.
    aidDelivered: Math.round(n.aid_yuan * 100) / 100,
    householdsCovered: coverage.householdsVisited,
    enterprisesCovered: coverage.enterprisesVisited,
    ...coveragePercents(coverage),
  };
}
