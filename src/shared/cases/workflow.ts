import type { Role } from '../auth/roles.ts';
import { escalationTarget, TOP_LEVEL, WHISTLE_LEVEL } from './levels.ts';

/**
 * The case workflow (docs/specs/workflow.md) as data: states, actions, who may fire each, the
 * guards, and which clocks each transition starts and stops. The server enforces it; the web app
 * asks it which actions to offer. Pure: no I/O, no clock — callers pass what the guards need.
 *
 * 不满意不销号: while the latest rating is unsatisfied, the only transitions into a terminal state
 * are a supervisor's, with a written reason (`close_override`, `close_unreachable`); a later
 * satisfied rating closes the case the ordinary way. workflow.test.ts searches every path to
 * prove it.
 */
export const CASE_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'returned',
  'in_progress',
  'replied',
  'follow_up',
  'reopened',
  'closed',
  'rejected',
  'merged',
  'cancelled',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TERMINAL_STATES: ReadonlySet<CaseState> = new Set(['closed', 'rejected', 'merged', 'cancelled']);

/**
 * `hotline` is the 12345 platform's own deadline for an order (办理时限), fixed by the platform and
 * started at intake by the hotline module; any reply stops it.
 */
export const CLOCKS = ['sign_off', 'first_contact', 'handling', 'follow_up', 'progress', 'hotline'] as const;
export type Clock = (typeof CLOCKS)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'] as const;
export type Rating = (typeof RATINGS)[number];

/** What the guards look at: the case as stored, reduced to the facts the rules need. */
export interface CaseFacts {
  state: CaseState;
  /**
   * 0 community, 1 street, 2 district: whose dispatchers route the case (levels.ts). It never
   * goes down, so it is also the highest level the case reached.
   */
  level: number;
  /** The level of the unit the case is dispatched to (levels.ts `unitLevelOf`), null when none. */
  unitLevel: number | null;
  /** The latest follow-up rating, if any. */
  latestRating: Rating | null;
  /** Follow-up attempts that did not reach the reporter since the reply was approved. */
  unreachableAttempts: number;
  /** Summoned (whistle) tasks not yet reported done. */
  openTasks: number;
  /** An extension request awaiting a decision. */
  extensionPending: boolean;
  /** Times the case went back for re-handling (复号). */
  reopenCount: number;
  /** Times the case was passed up a level: a lower level took it on and could not finish it. */
  escalations: number;
}

/** Who acts, as far as the rules care: their roles and their relation to this case. */
export interface Actor {
  roles: readonly Role[];
  /** Accepted the case or raised it on a visit: owns the feedback to the resident (首问负责). */
  firstResponder: boolean;
  /** Belongs to the unit the case is currently dispatched to. */
  handlingUnit: boolean;
  /**
   * Belongs to a department summoned to the case by a whistle task still open (街乡吹哨): it
   * reports in on its task, and nothing more — the handling stays with the handling unit.
   */
  summoned: boolean;
  /**
   * Holds a dispatcher grant over the case's place, but below the level that holds the case
   * (levels.ts): the case's dispatcher actions are that level's dispatchers', and the case page
   * says so (`unavailableActions`, reason `held_above`) instead of leaving them out unexplained.
   */
  heldAbove?: boolean;
  /**
   * The case's reporter on their own status page (issue 15 §2), signed in as nobody: may rate the
   * reply, the same step as the first responder's follow-up call, and nothing else.
   */
  resident?: boolean;
}

/** What a classification may set (the `classify` action's fields). */
export type ClassifiedField = 'categoryId' | 'kind' | 'urgency' | 'listType';

/** Facts an action brings with it (reasons, ratings, the fields a classification sets), checked by the guards. */
export interface ActionInput {
  reason?: string;
  rating?: Rating;
  /** The fields a `classify` sets. */
  classifies?: readonly ClassifiedField[];
}

export type CaseAction =
  | 'accept'
  | 'reject'
  | 'merge'
  | 'answer'
  | 'resolve_on_spot'
  | 'dispatch'
  | 'escalate'
  | 'sign'
  | 'return'
  | 'redispatch'
  | 'refuse_return'
  | 'first_contact'
  | 'request_extension'
  | 'approve_extension'
  | 'refuse_extension'
  | 'whistle'
  | 'complete_task'
  | 'reply'
  | 'approve_reply'
  | 'send_back'
  | 'rate'
  | 'close_unreachable'
  | 'rehandle'
  | 'close_override'
  | 'cancel'
  | 'progress_notice'
  | 'classify';

/** Who may fire an action: holders of these roles, or the case's first responder / handling unit / summoned departments / reporter. */
interface Fired {
  roles?: readonly Role[];
  firstResponder?: boolean;
  handlingUnit?: boolean;
  summoned?: boolean;
  resident?: boolean;
}

export interface Transition {
  from: readonly CaseState[];
  /** The next state; `same` keeps the state (an event on the timeline only). */
  to: CaseState | 'same' | ((facts: CaseFacts, input: ActionInput) => CaseState);
  by: Fired;
  /** Why the action is refused for these facts and input, or null when it is allowed. */
  guard?: (facts: CaseFacts, input: ActionInput) => GuardFailure | null;
  starts?: readonly Clock[] | ((to: CaseState) => readonly Clock[]);
  stops?: readonly Clock[] | ((to: CaseState) => readonly Clock[]);
}

/** Stable reasons a guard refuses an action; the server maps them to 409/422 with this code. */
export const GUARD_FAILURES = [
  'reason_required',
  'rating_required',
  'tasks_open',
  'extension_pending',
  'no_extension_pending',
  'not_unreachable',
  'not_unsatisfied',
  'top_level',
  'below_street',
  'cancel_not_allowed',
  'urgency_settled',
] as const;
export type GuardFailure = (typeof GUARD_FAILURES)[number];

/** How many unanswered follow-up attempts let a supervisor close a case as unreachable. */
export const UNREACHABLE_ATTEMPTS = 3;
const DISPATCHERS: readonly Role[] = ['dispatcher'];
const SUPERVISORS: readonly Role[] = ['supervisor'];
const OPEN: readonly CaseState[] = CASE_STATES.filter((s) => !TERMINAL_STATES.has(s));

const needsReason = (_facts: CaseFacts, input: ActionInput): GuardFailure | null =>
  input.reason && input.reason.trim().length >= 2 ? null : 'reason_required';

/**
 * Where cancelling (撤销) is allowed: only while nothing was promised to the resident — a report
 * still waiting to be taken in (submitted), or one taken in and not yet sent to anyone (accepted,
 * never escalated, never reopened). Dispatched, returned, in progress, replied, follow-up and
 * reopened cases were promised an answer; an escalated case was taken on by a lower level that
 * could not finish it; a case ever reopened carries the resident's unsatisfied rating. Those end
 * through the loop, or — over an unsatisfied rating — only through a supervisor's reasoned
 * override (`close_override`, or `close_unreachable` when the resident cannot be reached again).
 * Cancelled cases drop out of the closure rate, so this rule keeps the rate honest.
 */
export const CANCELLABLE_STATES: readonly CaseState[] = ['submitted', 'accepted'];

const mayCancel = (facts: CaseFacts): boolean =>
  CANCELLABLE_STATES.includes(facts.state) &&
  facts.reopenCount === 0 &&
  facts.latestRating !== 'unsatisfied' &&
  facts.escalations === 0;

/**
 * Where a case may be classified (分类): every open state, and `closed`. A closed case still counts
 * in the figures by category (received, closed, on time, rated), and a case closed on the spot
 * (即知即办, closed by the visit that raised it) was never open for anyone to classify: it gets its
 * category after it closed, and its figures move with it. Rejected, merged and cancelled cases keep
 * what they ended with: they are no problem the district handled (not accepted, counted with the
 * case they joined, withdrawn before anything was promised) and leave the closure rate, so a
 * category given afterwards would only move uncounted work around.
 */
export const CLASSIFIABLE_STATES: readonly CaseState[] = [...OPEN, 'closed'];

/** A case is replied only when every department summoned to it (吹哨) has reported done. */
const tasksDone = (facts: CaseFacts): GuardFailure | null => (facts.openTasks > 0 ? 'tasks_open' : null);

/**
 * On a closed case the category, kind and list may still be corrected, not the urgency: it set the
 * deadlines the case was held to and measured against (clock-rules.ts), so changing it afterwards
 * would make the record claim limits the case never had.
 */
const classifyGuard = (facts: CaseFacts, input: ActionInput): GuardFailure | null =>
  facts.state === 'closed' && input.classifies?.includes('urgency') ? 'urgency_settled' : null;

export const TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  accept: { from: ['submitted'], to: 'accepted', by: { roles: DISPATCHERS }, starts: ['progress'] },
  reject: { from: ['submitted'], to: 'rejected', by: { roles: DISPATCHERS }, guard: needsReason },
  merge: { from: ['submitted'], to: 'merged', by: { roles: DISPATCHERS }, guard: needsReason },
  // A consultation answered at once.
  answer: { from: ['submitted'], to: 'replied', by: { roles: DISPATCHERS }, stops: ['hotline'] },
  // A whistle may summon departments to an accepted case: the reply waits for every task, here too.
  resolve_on_spot: {
    from: ['accepted'],
    to: 'replied',
    by: { roles: DISPATCHERS },
    guard: tasksDone,
    stops: ['hotline'],
  },
  dispatch: {
    from: ['accepted'],
    to: 'dispatched',
    by: { roles: DISPATCHERS },
    starts: ['sign_off', 'handling'],
  },
  escalate: {
    from: ['accepted', 'in_progress'],
    to: 'accepted',
    by: { roles: DISPATCHERS, handlingUnit: true },
    guard: (facts, input) =>
      escalationTarget(facts.level, facts.unitLevel) > TOP_LEVEL ? 'top_level' : needsReason(facts, input),
    stops: ['first_contact', 'handling'],
  },
  sign: {
    from: ['dispatched'],
    to: 'in_progress',
    by: { handlingUnit: true },
    stops: ['sign_off'],
    starts: ['first_contact'],
  },
  return: {
    from: ['dispatched'],
    to: 'returned',
    by: { handlingUnit: true },
    guard: needsReason,
    stops: ['sign_off'],
  },
  redispatch: { from: ['returned'], to: 'dispatched', by: { roles: DISPATCHERS }, starts: ['sign_off'] },
  refuse_return: {
    from: ['returned'],
    to: 'dispatched',
    by: { roles: DISPATCHERS },
    guard: needsReason,
    starts: ['sign_off'],
  },
  first_contact: { from: ['in_progress'], to: 'same', by: { handlingUnit: true }, stops: ['first_contact'] },
  request_extension: {
    from: ['in_progress'],
    to: 'same',
    by: { handlingUnit: true },
    guard: (facts, input) => (facts.extensionPending ? 'extension_pending' : needsReason(facts, input)),
  },
  approve_extension: {
    from: ['in_progress'],
    to: 'same',
    by: { roles: [...DISPATCHERS, ...SUPERVISORS] },
    guard: (facts) => (facts.extensionPending ? null : 'no_extension_pending'),
  },
  refuse_extension: {
    from: ['in_progress'],
    to: 'same',
    by: { roles: [...DISPATCHERS, ...SUPERVISORS] },
    guard: (facts, input) => (facts.extensionPending ? needsReason(facts, input) : 'no_extension_pending'),
  },
  // 街乡吹哨: the street (or the district) summons departments, to a case it holds or has in hand;
  // a community passes its case up to the street first.
  whistle: {
    from: ['accepted', 'in_progress'],
    to: 'same',
    by: { roles: DISPATCHERS },
    guard: (facts) => (facts.level < WHISTLE_LEVEL ? 'below_street' : null),
  },
  // A summoned department reports in whenever it is done, wherever the case has moved meanwhile.
  complete_task: {
    from: ['accepted', 'dispatched', 'returned', 'in_progress'],
    to: 'same',
    by: { summoned: true },
  },
  reply: {
    from: ['in_progress'],
    to: 'replied',
    by: { handlingUnit: true },
    guard: tasksDone,
    stops: ['first_contact', 'handling', 'hotline'],
  },
  approve_reply: { from: ['replied'], to: 'follow_up', by: { firstResponder: true }, starts: ['follow_up'] },
  // Back to the unit that replied; a reply no unit gave (a consultation answered, a case resolved
  // on the spot) goes back to the dispatchers, who answer again or dispatch it.
  send_back: {
    from: ['replied'],
    to: (facts) => (facts.unitLevel === null ? 'accepted' : 'in_progress'),
    by: { firstResponder: true },
    guard: needsReason,
    starts: (to) => (to === 'in_progress' ? ['handling'] : []),
  },
  rate: {
    from: ['follow_up'],
    to: (_facts, input) =>
      input.rating === 'satisfied' || input.rating === 'basically_satisfied'
        ? 'closed'
        : input.rating === 'unsatisfied'
          ? 'reopened'
          : 'follow_up',
    by: { firstResponder: true, resident: true },
    guard: (_facts, input) => (input.rating ? null : 'rating_required'),
    // An unreachable attempt keeps the case waiting for its follow-up, clock running.
    stops: (to) => (to === 'follow_up' ? [] : ['follow_up']),
  },
  // A supervisor's reasoned decision: after an earlier unsatisfied rating and a re-handling that
  // the resident no longer answers, this is the override that ends the case (不满意不销号).
  close_unreachable: {
    from: ['follow_up'],
    to: 'closed',
    by: { roles: SUPERVISORS },
    guard: (facts, input) =>
      facts.unreachableAttempts < UNREACHABLE_ATTEMPTS ? 'not_unreachable' : needsReason(facts, input),
    stops: ['follow_up', 'progress'],
  },
  rehandle: {
    from: ['reopened'],
    to: 'in_progress',
    by: { roles: DISPATCHERS },
    starts: ['handling', 'first_contact'],
  },
  // 不满意不销号: only a supervisor's decision with a written reason closes a reopened case.
  close_override: {
    from: ['reopened'],
    to: 'closed',
    by: { roles: SUPERVISORS },
    guard: (facts, input) =>
      facts.latestRating !== 'unsatisfied' ? 'not_unsatisfied' : needsReason(facts, input),
    stops: ['progress'],
  },
  // Asked of any open case, so a refusal names its rule (CASE_CANCEL_NOT_ALLOWED) instead of a
  // bare wrong state; the guard refuses whatever the input, so the server never offers it there.
  cancel: {
    from: OPEN,
    to: 'cancelled',
    by: { roles: DISPATCHERS },
    guard: (facts, input) => (mayCancel(facts) ? needsReason(facts, input) : 'cancel_not_allowed'),
    stops: [...CLOCKS],
  },
  progress_notice: { from: OPEN, to: 'same', by: { roles: DISPATCHERS, firstResponder: true } },
  // Category, kind, list and urgency, set or corrected by whoever routes the case or owns its
  // feedback: an issue raised on a visit often arrives without a category, and the figures by
  // category and the dispatch suggestions need one. Also once closed (CLASSIFIABLE_STATES), less
  // the urgency (`classifyGuard`).
  classify: {
    from: CLASSIFIABLE_STATES,
    to: 'same',
    by: { roles: DISPATCHERS, firstResponder: true },
    guard: classifyGuard,
  },
};

export const CASE_ACTIONS = Object.keys(TRANSITIONS) as CaseAction[];

/** Whether `actor` is one of those who may fire the action (state and guards aside). */
export function mayFire(action: CaseAction, actor: Actor): boolean {
  const by = TRANSITIONS[action].by;
  return (
    (by.roles?.some((r) => actor.roles.includes(r)) ?? false) ||
    (by.firstResponder === true && actor.firstResponder) ||
    (by.handlingUnit === true && actor.handlingUnit) ||
    (by.summoned === true && actor.summoned) ||
    (by.resident === true && actor.resident === true)
  );
}

export type Decision =
  | { ok: true; to: CaseState; starts: readonly Clock[]; stops: readonly Clock[] }
  | { ok: false; error: 'wrong_state' | 'not_permitted' | GuardFailure };

/** The one decision the server takes for every action: may it happen, and what follows. */
export function decide(
  facts: CaseFacts,
  action: CaseAction,
  actor: Actor,
  input: ActionInput = {},
): Decision {
  const t = TRANSITIONS[action];
  if (!t.from.includes(facts.state)) return { ok: false, error: 'wrong_state' };
  if (!mayFire(action, actor)) return { ok: false, error: 'not_permitted' };
  const refused = t.guard?.(facts, input) ?? null;
  if (refused) return { ok: false, error: refused };
  const to = t.to === 'same' ? facts.state : typeof t.to === 'function' ? t.to(facts, input) : t.to;
  // The progress clock runs while the case is open; reaching a terminal state stops every clock.
  const stops = TERMINAL_STATES.has(to)
    ? [...CLOCKS]
    : typeof t.stops === 'function'
      ? t.stops(to)
      : (t.stops ?? []);
  const starts = TERMINAL_STATES.has(to)
    ? []
    : typeof t.starts === 'function'
      ? t.starts(to)
      : (t.starts ?? []);
  return { ok: true, to, starts, stops };
}

/** The actions to offer `actor` on a case in this state (guards needing input are checked later). */
export function availableActions(facts: CaseFacts, actor: Actor): CaseAction[] {
  return CASE_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(facts.state) && mayFire(a, actor));
}

/** Guard refusals that only say the action still needs input: the action is offered anyway. */
const NEEDS_INPUT: ReadonlySet<GuardFailure> = new Set(['reason_required', 'rating_required']);

/** Why the action's guard refuses it whatever the input, or null when some input could pass. */
export function blockingRefusal(facts: CaseFacts, action: CaseAction): GuardFailure | null {
  const refused = TRANSITIONS[action].guard?.(facts, {}) ?? null;
  return refused === null || NEEDS_INPUT.has(refused) ? null : refused;
}

/** Why an action the actor takes on cases like this one is not offered on this case now. */
export interface UnavailableAction {
  action: CaseAction;
  /** `held_above`: a dispatcher's action on a case held by a higher level's dispatchers (`level`). */
  reason: 'wrong_state' | 'held_above' | GuardFailure;
  /** For `held_above`: the level whose dispatchers hold the case (0 community, 1 street, 2 district). */
  level?: number;
  /** The states the action is taken in (for `wrong_state`). */
  states?: CaseState[];
  /** What the reason counts: summoned departments not yet reported in, unanswered follow-up attempts. */
  count?: number;
  /** How many the rule needs (unanswered follow-up attempts before closing as unreachable). */
  needed?: number;
}

/** The numbers a refusal's text names, read from the same facts the guard read. */
const REFUSAL_COUNTS: Partial<
  Record<GuardFailure, (facts: CaseFacts) => Pick<UnavailableAction, 'count' | 'needed'>>
> = {
  tasks_open: (facts) => ({ count: facts.openTasks }),
  not_unreachable: (facts) => ({ count: facts.unreachableAttempts, needed: UNREACHABLE_ATTEMPTS }),
};

/**
 * Every action `actor` may fire on some state of this case that is not offered now, with why: the
 * case is not in a state the action is taken in, or a guard refuses it whatever the input. Together
 * with the offered actions (`availableActions` less `blockingRefusal`) it covers every action the
 * actor may fire. For a dispatcher below the level holding the case (`heldAbove`) it also names the
 * dispatcher's actions of this state, reason `held_above`: they are the holding level's.
 */
export function unavailableActions(facts: CaseFacts, actor: Actor): UnavailableAction[] {
  const own = CASE_ACTIONS.filter((a) => mayFire(a, actor)).flatMap((action): UnavailableAction[] => {
    const from = TRANSITIONS[action].from;
    if (!from.includes(facts.state)) return [{ action, reason: 'wrong_state', states: [...from] }];
    const refused = blockingRefusal(facts, action);
    return refused ? [{ action, reason: refused, ...REFUSAL_COUNTS[refused]?.(facts) }] : [];
  });
  if (!actor.heldAbove) return own;
  // A dispatcher below the case's level: the dispatcher's actions of this state are the holding
  // level's, which is why they are missing here (those of other states would not be offered anyway).
  const held = CASE_ACTIONS.filter(
    (a) =>
      TRANSITIONS[a].from.includes(facts.state) &&
      (TRANSITIONS[a].by.roles?.includes('dispatcher') ?? false) &&
      !mayFire(a, actor),
  ).map((action): UnavailableAction => ({ action, reason: 'held_above', level: facts.level }));
  return [...own, ...held];
}
