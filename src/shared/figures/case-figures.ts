import { CASE_LEVELS } from '../cases/levels.ts';
import type { CaseState, Rating } from '../cases/workflow.ts';
import { CHANNELS, type Channel } from '../domain/case.ts';
import { type Counters, emptyCounters, percentileOfHistogram, type Rate, rate } from './counters.ts';

/**
 * The case figures (docs/specs/workflow.md "Figures"), defined once: what one case adds to the
 * counters of the day it was created (`caseCounters`), and how a period's figures follow from the
 * summed counters (`caseFigures`). A period's figures are over the cohort of cases created in it,
 * so a change to a case moves its own day's counters by `after − before`; counters of many days,
 * places and units add up, which is what lets rollups answer without scanning cases.
 */

/** A case as the figures see it. */
export interface CaseFigureFacts {
  state: CaseState;
  channel: Channel;
  onSpot: boolean;
  intakeLevel: number;
  /** The level it stands at: it never goes down, so the highest it reached. */
  level: number;
  whistles: number;
  reopenCount: number;
  latestRating: Rating | null;
  /** Whether the resident said the problem was solved, when asked (null: not asked). */
  solved: boolean | null;
  /** Marked overdue on some clock (a closed case keeps the mark). */
  overdue: boolean;
  /** Reminders (催办) sent on missed deadlines. */
  reminders: number;
  /** Under supervision (督办). */
  supervised: boolean;
  /** The first-contact clock: met, missed, or it never ran (the case was not handled by a unit). */
  firstContact: 'on_time' | 'late' | null;
  /** Working days (office time) from acceptance to closing, for a closed case. */
  handlingWorkingDays: number | null;
  /** Whether the follow-up rating was taken validly (the resident reached by the first responder). */
  validFollowUp: boolean;
}

/** Handling time histogram: whole working days 0 … 59, and 60 or more in the last bucket. */
export const HANDLING_BUCKETS = 61;

export const CASE_COUNTER_KEYS = [
  'received',
  ...CHANNELS.map((c) => `channel_${c}` as const),
  'on_spot',
  'closed',
  'rejected',
  'merged',
  'cancelled',
  'closed_on_time',
  'first_contact_due',
  'first_contact_on_time',
  'rated',
  'satisfied',
  'basically_satisfied',
  'rated_valid',
  'satisfied_valid',
  'basically_satisfied_valid',
  'solved_asked',
  'solved',
  'reopened',
  'overdue',
  'reminders',
  'supervised',
  'passed_to_street',
  'passed_to_district',
  'whistled',
  'handled',
  'handling_days_sum',
  ...Array.from({ length: HANDLING_BUCKETS }, (_, i) => `handling_d${i}` as const),
] as const;
export type CaseCounterKey = (typeof CASE_COUNTER_KEYS)[number];
export type CaseCounters = Counters<CaseCounterKey>;

const SATISFIED: ReadonlySet<Rating | null> = new Set(['satisfied']);
const BASICALLY: ReadonlySet<Rating | null> = new Set(['basically_satisfied']);
const RATED: ReadonlySet<Rating | null> = new Set(['satisfied', 'basically_satisfied', 'unsatisfied']);

const one = (yes: boolean) => (yes ? 1 : 0);

/** What one case adds to the counters of its creation day. */
export function caseCounters(c: CaseFigureFacts): CaseCounters {
  const n = emptyCounters(CASE_COUNTER_KEYS);
  const rated = RATED.has(c.latestRating);
  const closed = c.state === 'closed';
  n.received = 1;
  n[`channel_${c.channel}`] = 1;
  n.on_spot = one(c.onSpot);
  n.closed = one(closed);
  n.rejected = one(c.state === 'rejected');
  n.merged = one(c.state === 'merged');
  n.cancelled = one(c.state === 'cancelled');
  n.closed_on_time = one(closed && !c.overdue);
  n.first_contact_due = one(c.firstContact !== null);
  n.first_contact_on_time = one(c.firstContact === 'on_time');
  n.rated = one(rated);
  n.satisfied = one(SATISFIED.has(c.latestRating));
  n.basically_satisfied = one(BASICALLY.has(c.latestRating));
  n.rated_valid = one(rated && c.validFollowUp);
  n.satisfied_valid = one(SATISFIED.has(c.latestRating) && c.validFollowUp);
  n.basically_satisfied_valid = one(BASICALLY.has(c.latestRating) && c.validFollowUp);
  n.solved_asked = one(c.solved !== null);
  n.solved = one(c.solved === true);
  n.reopened = one(c.reopenCount > 0);
  n.overdue = one(c.overdue);
  n.reminders = c.reminders;
  n.supervised = one(c.supervised);
  n.passed_to_street = one(c.intakeLevel < CASE_LEVELS.street && c.level >= CASE_LEVELS.street);
  n.passed_to_district = one(c.intakeLevel < CASE_LEVELS.district && c.level >= CASE_LEVELS.district);
  n.whistled = one(c.whistles > 0);
  if (closed && c.handlingWorkingDays !== null) {
    n.handled = 1;
    n.handling_days_sum = c.handlingWorkingDays;
    const bucket = Math.min(HANDLING_BUCKETS - 1, Math.max(0, Math.ceil(c.handlingWorkingDays)));
    n[`handling_d${bucket}` as CaseCounterKey] = 1;
  }
  return n;
}

/** What an assessment decides rather than the code (docs/specs/workflow.md "Figures"). */
export interface CaseFigureRules {
  /** What a "basically satisfied" rating counts for in the satisfaction rate (1 = as satisfied). */
  basicallySatisfiedWeight: number;
  /** Which ratings count: every rating, or only those taken by a valid follow-up. */
  ratings: 'all' | 'valid_follow_up';
}

export const DEFAULT_CASE_FIGURE_RULES: CaseFigureRules = { basicallySatisfiedWeight: 1, ratings: 'all' };

export interface CaseFigures {
  received: number;
  receivedByChannel: Record<Channel, number>;
  onSpot: number;
  closed: number;
  reopened: number;
  overdue: number;
  reminders: number;
  supervised: number;
  passedToStreet: number;
  passedToDistrict: number;
  whistled: number;
  /** Rated unsatisfied at their latest rating (what 群众最不满意的10件事 ranks by). */
  unsatisfied: number;
  /** 办结率: closed ÷ (received − rejected − merged − cancelled). */
  closureRate: Rate;
  /** 按时办结率: closed without an overdue mark ÷ closed. */
  onTimeRate: Rate;
  /** 满意率: (satisfied + weight × basically satisfied) ÷ rated. */
  satisfactionRate: Rate;
  /** 响应率: first contact in time ÷ cases whose first-contact clock ran. */
  responseRate: Rate;
  /** 解决率: said solved ÷ asked. */
  solutionRate: Rate;
  /** Average working days from acceptance to closing, of the closed cases; null when none. */
  handlingDaysAverage: number | null;
  /** The 90th percentile of the same, in whole working days (the bucket's upper bound). */
  handlingDaysP90: number | null;
}

/** A period's case figures from its summed counters. */
export function caseFigures(
  n: CaseCounters,
  rules: CaseFigureRules = DEFAULT_CASE_FIGURE_RULES,
): CaseFigures {
  const valid = rules.ratings === 'valid_follow_up';
  const satisfied = valid ? n.satisfied_valid : n.satisfied;
  const basically = valid ? n.basically_satisfied_valid : n.basically_satisfied;
  const histogram = Array.from(
    { length: HANDLING_BUCKETS },
    (_, i) => n[`handling_d${i}` as CaseCounterKey] ?? 0,
  );
  return {
    received: n.received,
    receivedByChannel: Object.fromEntries(CHANNELS.map((c) => [c, n[`channel_${c}`]])) as Record<
      Channel,
      number
    >,
    onSpot: n.on_spot,
    closed: n.closed,
    reopened: n.reopened,
    overdue: n.overdue,
    reminders: n.reminders,
    supervised: n.supervised,
    passedToStreet: n.passed_to_street,
    passedToDistrict: n.passed_to_district,
    whistled: n.whistled,
    unsatisfied: (valid ? n.rated_valid : n.rated) - satisfied - basically,
    closureRate: rate(n.closed, n.received - n.rejected - n.merged - n.cancelled),
    onTimeRate: rate(n.closed_on_time, n.closed),
    satisfactionRate: rate(
      satisfied + rules.basicallySatisfiedWeight * basically,
      valid ? n.rated_valid : n.rated,
    ),
    responseRate: rate(n.first_contact_on_time, n.first_contact_due),
    solutionRate: rate(n.solved, n.solved_asked),
    handlingDaysAverage: n.handled > 0 ? n.handling_days_sum / n.handled : null,
    handlingDaysP90: percentileOfHistogram(histogram, 0.9),
  };
}
