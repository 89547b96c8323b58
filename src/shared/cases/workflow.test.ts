import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../auth/roles.ts';
import { escalationTarget, TOP_LEVEL } from './levels.ts';
import {
  type ActionInput,
  type Actor,
  availableActions,
  blockingRefusal,
  CANCELLABLE_STATES,
  CASE_ACTIONS,
  CASE_STATES,
  type CaseAction,
  type CaseFacts,
  type CaseState,
  type Clock,
  decide,
  mayFire,
  RATINGS,
  TERMINAL_STATES,
  TRANSITIONS,
  UNREACHABLE_ATTEMPTS,
  unavailableActions,
} from './workflow.ts';

/** An action's input, and for a dispatch the level of the unit it goes to (0–2). */
type StepInput = ActionInput & { unitLevel?: number };

/** A case as the server would keep it, reduced to what the invariants need. */
interface Model {
  facts: CaseFacts;
  running: Set<Clock>;
  events: { action: CaseAction; from: string; to: string; reason?: string }[];
}

const fresh = (): Model => ({
  facts: {
    state: 'submitted',
    level: 0,
    unitLevel: null,
    latestRating: null,
    unreachableAttempts: 0,
    openTasks: 0,
    extensionPending: false,
    reopenCount: 0,
    escalations: 0,
  },
  running: new Set(),
  events: [],
});

/** What the server does with an allowed decision: the case's facts, clocks and one event. */
function apply(
  model: Model,
  action: CaseAction,
  input: StepInput,
  to: Model['facts']['state'],
  starts: readonly Clock[],
  stops: readonly Clock[],
) {
  const f = model.facts;
  const from = f.state;
  if (action === 'escalate') {
    f.level = escalationTarget(f.level, f.unitLevel);
    f.unitLevel = null;
    f.escalations += 1;
  }
  if (action === 'dispatch' || action === 'redispatch') f.unitLevel = input.unitLevel ?? 0;
  if (action === 'whistle') f.openTasks += 2;
  if (action === 'complete_task') f.openTasks = Math.max(0, f.openTasks - 1);
  if (action === 'request_extension') f.extensionPending = true;
  if (action === 'approve_extension' || action === 'refuse_extension') f.extensionPending = false;
  if (action === 'approve_reply') f.unreachableAttempts = 0;
  if (action === 'rate' && input.rating) {
    if (input.rating === 'unreachable') f.unreachableAttempts += 1;
    else f.latestRating = input.rating;
    if (input.rating === 'unsatisfied') f.reopenCount += 1;
  }
  f.state = to;
  for (const c of stops) model.running.delete(c);
  for (const c of starts) model.running.add(c);
  model.events.push({ action, from, to, ...(input.reason ? { reason: input.reason } : {}) });
}

// Mostly the roles that act on cases, so random walks get far into the loop.
const CASE_ROLES: Role[] = ['dispatcher', 'supervisor', 'dept_handler', 'grid_worker', 'leader'];
const actorArb: fc.Arbitrary<Actor> = fc.record({
  roles: fc.oneof(
    { weight: 4, arbitrary: fc.subarray(CASE_ROLES, { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.subarray([...ROLES] as Role[], { maxLength: 2 }) },
  ),
  firstResponder: fc.boolean(),
  handlingUnit: fc.boolean(),
  summoned: fc.boolean(),
});
const inputArb: fc.Arbitrary<StepInput> = fc.record(
  {
    reason: fc.constantFrom('', ' ', '群众反映属实', '不属于本单位职责', '已协调解决', '诉求不合理'),
    rating: fc.constantFrom(...RATINGS),
    unitLevel: fc.integer({ min: 0, max: 2 }),
  },
  { requiredKeys: ['rating'] },
);
/** A step names an action by its index among those the current state has (or any action, rarely). */
const stepArb = fc.record({
  pick: fc.nat(),
  any: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  actor: actorArb,
  input: inputArb,
});

const reached = new Set<string>();

/** Walks start from any open state with the facts that state can have, so every rule gets tried. */
const startArb = fc.oneof(
  fc.constant({ state: 'submitted' as const }),
  fc.record({
    state: fc.constantFrom(
      'accepted' as const,
      'dispatched' as const,
      'in_progress' as const,
      'follow_up' as const,
      'reopened' as const,
    ),
    latestRating: fc.constantFrom(null, 'unsatisfied' as const),
    unreachableAttempts: fc.integer({ min: 0, max: 4 }),
    openTasks: fc.integer({ min: 0, max: 2 }),
    escalations: fc.integer({ min: 0, max: 1 }),
    level: fc.integer({ min: 0, max: 2 }),
    unitLevel: fc.constantFrom(null, 0, 1, 2),
  }),
);

/** 不满意不销号's override: a supervisor closing the case with a written reason. */
const isOverride = (actor: Actor, input: ActionInput, to: CaseState) =>
  to === 'closed' && actor.roles.includes('supervisor') && (input.reason?.trim().length ?? 0) >= 2;

describe('the case workflow as data', () => {
  it('keeps terminal states terminal, never closes over an unsatisfied rating without a supervisor and a reason, and runs clocks as docs/specs/workflow.md says', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 120 }), (start, steps) => {
        const model = fresh();
        Object.assign(model.facts, start);
        // A case that carries an unsatisfied rating was reopened for it at least once.
        if (model.facts.latestRating === 'unsatisfied') model.facts.reopenCount = 1;
        // Whether the resident's latest word is "unsatisfied", tracked from the walk's own ratings.
        let unsatisfied = model.facts.latestRating === 'unsatisfied';
        // A case that starts mid-way has the clocks its state implies.
        if (start.state === 'dispatched') model.running.add('sign_off');
        if (start.state === 'in_progress') model.running.add('first_contact');
        if (start.state === 'follow_up') model.running.add('follow_up');
        for (const { pick, any, actor, input } of steps) {
          const fromHere = CASE_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(model.facts.state));
          const pool = any || fromHere.length === 0 ? CASE_ACTIONS : fromHere;
          const action = pool[pick % pool.length] as CaseAction;
          const before = { ...model.facts };
          const decision = decide(model.facts, action, actor, input);
          if (TERMINAL_STATES.has(before.state)) {
            // Only a classification touches an ended case: a closed one, kept closed, no clock started.
            if (decision.ok) {
              expect([action, before.state, decision.to, decision.starts]).toEqual([
                'classify',
                'closed',
                'closed',
                [],
              ]);
              reached.add('classify→closed');
            }
            continue;
          }
          if (!decision.ok) {
            if (action === 'cancel' && decision.error === 'cancel_not_allowed')
              reached.add(`cancel refused in ${before.state}${unsatisfied ? ' over unsatisfied' : ''}`);
            continue;
          }
          apply(model, action, input, decision.to, decision.starts, decision.stops);
          const state = model.facts.state;
          reached.add(`${action}→${state}`);
          // Levels: never down, never past the district, one at a time; whistles at street or above.
          expect(model.facts.level).toBeGreaterThanOrEqual(before.level);
          expect(model.facts.level).toBeLessThanOrEqual(TOP_LEVEL);
          expect(model.facts.level - before.level).toBeLessThanOrEqual(1);
          if (action === 'whistle') expect(before.level).toBeGreaterThanOrEqual(1);
          if (action === 'escalate') reached.add(`escalate ${before.level}→${model.facts.level}`);
          // A rating the resident gives now speaks for itself; otherwise the standing one holds.
          const standing =
            action === 'rate' && input.rating !== 'unreachable'
              ? input.rating === 'unsatisfied'
              : unsatisfied;
          if (TERMINAL_STATES.has(state) && unsatisfied && standing) {
            // No way around 不满意不销号: over an unsatisfied rating only the override ends a case.
            expect(isOverride(actor, input, state), `${action} ended a case over "unsatisfied"`).toBe(true);
            reached.add(`${action}→${state} over unsatisfied`);
          }
          unsatisfied = standing;
          // Cancel only where nothing was promised: before dispatch, never escalated or reopened.
          if (state === 'cancelled') {
            expect(CANCELLABLE_STATES).toContain(before.state);
            expect(before.reopenCount).toBe(0);
            expect(before.escalations).toBe(0);
          }
          if (state === 'closed') {
            // 不满意不销号: a case closes on a satisfied rating, or by a supervisor's decision with a
            // written reason (unreachable after the set tries, or overriding an unsatisfied rating).
            const reasoned = (input.reason?.trim().length ?? 0) >= 2;
            if (action === 'rate') expect(['satisfied', 'basically_satisfied']).toContain(input.rating);
            else if (action === 'close_override') {
              expect(before.latestRating).toBe('unsatisfied');
              expect(actor.roles).toContain('supervisor');
              expect(reasoned).toBe(true);
            } else {
              expect(action).toBe('close_unreachable');
              expect(before.unreachableAttempts).toBeGreaterThanOrEqual(UNREACHABLE_ATTEMPTS);
              expect(actor.roles).toContain('supervisor');
              expect(reasoned).toBe(true);
            }
          }
          // Clocks: none runs on a finished case; the sign-off clock only while waiting to be
          // signed; first contact only while in progress; the follow-up clock only in follow-up.
          if (TERMINAL_STATES.has(state)) expect([...model.running]).toEqual([]);
          if (model.running.has('sign_off')) expect(state).toBe('dispatched');
          if (model.running.has('first_contact')) expect(state).toBe('in_progress');
          if (model.running.has('follow_up')) expect(state).toBe('follow_up');
          if (state === 'replied' || state === 'follow_up') expect(model.running.has('handling')).toBe(false);
        }
        // Every allowed action left exactly one event, in order, each from where the last ended.
        model.events.forEach((e, i) => {
          if (i > 0) expect(e.from).toBe(model.events[i - 1]?.to);
        });
      }),
      // Enough walks that the rarest ending below (a unit below the case's level passing it back,
      // `escalate 1→1`) is reached on every run, with the actions that keep the state among the picks.
      { numRuns: 2000 },
    );
    // The walks reached the endings the rules are about, so the checks above were exercised.
    expect(reached).toContain('rate→closed');
    expect(reached).toContain('rate→reopened');
    expect(reached).toContain('close_override→closed');
    expect(reached).toContain('cancel→cancelled');
    expect(reached).toContain('cancel refused in reopened over unsatisfied');
    expect(reached).toContain('cancel refused in in_progress');
    expect(reached).toContain('close_override→closed over unsatisfied');
    expect(reached).toContain('escalate 0→1');
    expect(reached).toContain('escalate 1→2');
    expect(reached).toContain('escalate 1→1');
    expect(reached).toContain('classify→closed');
  });

  it('classifies open and closed cases, never rejected, merged or cancelled ones, and a closed one less its urgency', () => {
    const dispatcher: Actor = {
      roles: ['dispatcher'],
      firstResponder: false,
      handlingUnit: false,
      summoned: false,
    };
    const facts = (state: CaseState): CaseFacts => ({ ...fresh().facts, state });
    for (const state of CASE_STATES) {
      const d = decide(facts(state), 'classify', dispatcher, { classifies: ['categoryId'] });
      if (['rejected', 'merged', 'cancelled'].includes(state))
        expect(d, state).toEqual({ ok: false, error: 'wrong_state' });
      else expect(d, state).toMatchObject({ ok: true, to: state, starts: [] });
    }
    // Offered on a closed case (a category is always possible), refused there only for the urgency.
    expect(availableActions(facts('closed'), dispatcher)).toEqual(['classify']);
    expect(
      decide(facts('closed'), 'classify', dispatcher, { classifies: ['categoryId', 'urgency'] }),
    ).toEqual({
      ok: false,
      error: 'urgency_settled',
    });
    expect(decide(facts('in_progress'), 'classify', dispatcher, { classifies: ['urgency'] }).ok).toBe(true);
  });

  it("has no path from an unsatisfied rating to a terminal state but the supervisor's reasoned override", () => {
    // Every case the workflow can reach, explored exhaustively (bounded counters), by an actor who
    // may fire anything, with every kind of input: the edges that end a case while the resident's
    // latest rating is unsatisfied are exactly the supervisor's two overrides.
    const anyone: Actor = {
      roles: ['dispatcher', 'supervisor'],
      firstResponder: true,
      handlingUnit: true,
      summoned: true,
    };
    const inputs: StepInput[] = RATINGS.flatMap((rating) =>
      [0, 1, 2].flatMap((unitLevel) => [
        { rating, unitLevel },
        { rating, unitLevel, reason: '说明理由' },
      ]),
    );
    const key = (f: CaseFacts) => JSON.stringify(f);
    const start = fresh().facts;
    const seen = new Map<string, CaseFacts>([[key(start), start]]);
    const queue = [start];
    const endings = new Set<CaseAction>();
    while (queue.length > 0) {
      const facts = queue.shift() as CaseFacts;
      for (const action of CASE_ACTIONS) {
        for (const input of inputs) {
          const d = decide(facts, action, anyone, input);
          if (!d.ok) continue;
          const model = { ...fresh(), facts: { ...facts } };
          apply(model, action, input, d.to, d.starts, d.stops);
          const next = model.facts;
          // Counters beyond what any guard distinguishes add no new paths.
          next.escalations = Math.min(next.escalations, 1);
          next.reopenCount = Math.min(next.reopenCount, 2);
          next.openTasks = Math.min(next.openTasks, 2);
          next.unreachableAttempts = Math.min(next.unreachableAttempts, UNREACHABLE_ATTEMPTS);
          // An edge that ends a case (a classification of a closed case keeps it ended).
          if (
            !TERMINAL_STATES.has(facts.state) &&
            TERMINAL_STATES.has(next.state) &&
            facts.latestRating === 'unsatisfied' &&
            next.latestRating === 'unsatisfied'
          )
            endings.add(action);
          if (!seen.has(key(next))) {
            seen.set(key(next), next);
            queue.push(next);
          }
        }
      }
    }
    // The search went everywhere: every state, and reopened cases of every level.
    const states = new Set([...seen.values()].map((f) => f.state));
    expect([...states].sort()).toEqual([...CASE_STATES].sort());
    expect([...endings].sort()).toEqual(['close_override', 'close_unreachable']);
    // Both are a supervisor's alone and need a written reason.
    for (const action of endings) {
      expect(TRANSITIONS[action].by).toEqual({ roles: ['supervisor'] });
      const from = [...seen.values()].find(
        (f) => f.latestRating === 'unsatisfied' && decide(f, action, anyone, { reason: '说明理由' }).ok,
      ) as CaseFacts;
      expect(decide(from, action, anyone, {})).toEqual({ ok: false, error: 'reason_required' });
    }
  });

  it('passes a case up one level at a time, and lets only the street or district whistle', () => {
    const dispatcher: Actor = {
      roles: ['dispatcher'],
      firstResponder: false,
      handlingUnit: true,
      summoned: false,
    };
    const facts = (over: Partial<CaseFacts>): CaseFacts => ({ ...fresh().facts, ...over });
    const input = { reason: '本级无法解决' };
    const ok = (f: CaseFacts, action: CaseAction) => decide(f, action, dispatcher, input);
    // A dispatcher holding the case passes it to the next level; the district is the top.
    expect(ok(facts({ state: 'accepted', level: 0 }), 'escalate').ok).toBe(true);
    expect(ok(facts({ state: 'accepted', level: 2 }), 'escalate')).toEqual({ ok: false, error: 'top_level' });
    // A district bureau the district sent it to cannot pass it higher; a community the district
    // sent it to hands it back to the district.
    expect(ok(facts({ state: 'in_progress', level: 2, unitLevel: 2 }), 'escalate')).toEqual({
      ok: false,
      error: 'top_level',
    });
    expect(ok(facts({ state: 'in_progress', level: 2, unitLevel: 0 }), 'escalate').ok).toBe(true);
    expect(escalationTarget(1, 0)).toBe(1);
    expect(escalationTarget(1, 1)).toBe(2);
    expect(escalationTarget(0, 0)).toBe(1);
    // 吹哨 is the street's or the district's, from a case it holds or has in hand.
    for (const state of ['accepted', 'in_progress'] as const) {
      expect(ok(facts({ state, level: 0 }), 'whistle')).toEqual({ ok: false, error: 'below_street' });
      expect(ok(facts({ state, level: 1 }), 'whistle').ok).toBe(true);
      expect(ok(facts({ state, level: 2 }), 'whistle').ok).toBe(true);
    }
  });

  it('cancels only where nothing was promised yet', () => {
    const dispatcher: Actor = {
      roles: ['dispatcher'],
      firstResponder: true,
      handlingUnit: false,
      summoned: false,
    };
    const input = { reason: '居民撤回诉求' };
    const facts = (over: Partial<CaseFacts>): CaseFacts => ({ ...fresh().facts, ...over });
    expect(decide(facts({ state: 'submitted' }), 'cancel', dispatcher, input).ok).toBe(true);
    expect(decide(facts({ state: 'accepted' }), 'cancel', dispatcher, input).ok).toBe(true);
    for (const state of [
      'dispatched',
      'returned',
      'in_progress',
      'replied',
      'follow_up',
      'reopened',
    ] as const)
      expect(decide(facts({ state }), 'cancel', dispatcher, input), state).toEqual({
        ok: false,
        error: 'cancel_not_allowed',
      });
    // Back at accepted after an escalation or a reopening: promised all the same.
    for (const over of [{ escalations: 1 }, { reopenCount: 1, latestRating: 'unsatisfied' as const }])
      expect(decide(facts({ state: 'accepted', ...over }), 'cancel', dispatcher, input)).toEqual({
        ok: false,
        error: 'cancel_not_allowed',
      });
    // Not offered where it is refused: the guard refuses whatever the input.
    expect(TRANSITIONS.cancel.guard?.(facts({ state: 'reopened', reopenCount: 1 }), input)).toBe(
      'cancel_not_allowed',
    );
  });

  it('offers only actions the actor may fire from the current state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_ACTIONS), actorArb, (action, actor) => {
        const from = TRANSITIONS[action].from[0];
        if (!from) return;
        const facts = { ...fresh().facts, state: from };
        const offered = availableActions(facts, actor);
        const decision = decide(facts, action, actor, { reason: '说明理由', rating: 'satisfied' });
        if (!offered.includes(action)) expect(decision).toMatchObject({ ok: false, error: 'not_permitted' });
        else expect(decision.ok || decision.error !== 'not_permitted').toBe(true);
      }),
    );
  });

  it('walks the ordinary loop, a return, an unsatisfied rating and a satisfied close', () => {
    const dispatcher: Actor = {
      roles: ['dispatcher'],
      firstResponder: true,
      handlingUnit: false,
      summoned: false,
    };
    const unit: Actor = {
      roles: ['dept_handler'],
      firstResponder: false,
      handlingUnit: true,
      summoned: false,
    };
    const bureau: Actor = {
      roles: ['dept_handler'],
      firstResponder: false,
      handlingUnit: false,
      summoned: true,
    };
    const supervisor: Actor = {
      roles: ['supervisor'],
      firstResponder: false,
      handlingUnit: false,
      summoned: false,
    };
    const model = fresh();
    model.facts.level = 1; // taken in at the street, which may whistle
    const run = (action: CaseAction, actor: Actor, input: ActionInput = {}) => {
      const d = decide(model.facts, action, actor, input);
      if (!d.ok) throw new Error(`${action} refused: ${d.error}`);
      apply(model, action, input, d.to, d.starts, d.stops);
    };
    run('accept', dispatcher);
    run('dispatch', dispatcher);
    expect([...model.running].sort()).toEqual(['handling', 'progress', 'sign_off']);
    run('return', unit, { reason: '不属于本单位职责' });
    run('redispatch', dispatcher);
    run('sign', unit);
    run('whistle', dispatcher);
    expect(decide(model.facts, 'reply', unit)).toEqual({ ok: false, error: 'tasks_open' });
    // Nor is it closed past the summoned departments by resolving it on the spot once taken back.
    expect(decide({ ...model.facts, state: 'accepted' }, 'resolve_on_spot', dispatcher)).toEqual({
      ok: false,
      error: 'tasks_open',
    });
    // The summoned bureau reports in on its task and does nothing else; the unit does not report in.
    expect(availableActions(model.facts, bureau)).toEqual(['complete_task']);
    expect(decide(model.facts, 'complete_task', unit)).toEqual({ ok: false, error: 'not_permitted' });
    run('complete_task', bureau);
    run('complete_task', bureau);
    run('reply', unit);
    run('approve_reply', dispatcher);
    run('rate', dispatcher, { rating: 'unsatisfied' });
    expect(model.facts.state).toBe('reopened');
    expect(decide(model.facts, 'close_override', supervisor, {})).toEqual({
      ok: false,
      error: 'reason_required',
    });
    expect(decide(model.facts, 'close_override', dispatcher, { reason: '无理诉求' })).toEqual({
      ok: false,
      error: 'not_permitted',
    });
    run('rehandle', dispatcher);
    run('reply', unit);
    run('approve_reply', dispatcher);
    run('rate', dispatcher, { rating: 'satisfied' });
    expect(model.facts.state).toBe('closed');
    expect(model.facts.reopenCount).toBe(1);
    expect(model.running.size).toBe(0);
    expect(availableActions(model.facts, supervisor)).toEqual([]);
  });
});

describe('why an action is not offered', () => {
  const unit: Actor = { roles: ['dept_handler'], firstResponder: false, handlingUnit: true, summoned: false };
  const supervisor: Actor = {
    roles: ['supervisor'],
    firstResponder: false,
    handlingUnit: false,
    summoned: false,
  };
  const whistled = (): CaseFacts => ({
    ...fresh().facts,
    state: 'in_progress',
    level: 1,
    unitLevel: 1,
    openTasks: 2,
  });

  it('names the summoned departments still to report in when the handling unit may not reply', () => {
    const unavailable = unavailableActions(whistled(), unit);
    expect(unavailable).toEqual([
      { action: 'sign', reason: 'wrong_state', states: ['dispatched'] },
      { action: 'return', reason: 'wrong_state', states: ['dispatched'] },
      { action: 'reply', reason: 'tasks_open', count: 2 },
    ]);
    // Once they reported in, the reply is offered and nothing else changes.
    expect(unavailableActions({ ...whistled(), openTasks: 0 }, unit).map((u) => u.action)).toEqual([
      'sign',
      'return',
    ]);
  });

  it('counts the unanswered follow-ups against those a close as unreachable needs; a reason still to be given keeps an action offered', () => {
    const facts: CaseFacts = { ...fresh().facts, state: 'follow_up', unreachableAttempts: 1 };
    expect(unavailableActions(facts, supervisor)).toEqual([
      { action: 'approve_extension', reason: 'wrong_state', states: ['in_progress'] },
      { action: 'refuse_extension', reason: 'wrong_state', states: ['in_progress'] },
      { action: 'close_unreachable', reason: 'not_unreachable', count: 1, needed: UNREACHABLE_ATTEMPTS },
      { action: 'close_override', reason: 'wrong_state', states: ['reopened'] },
    ]);
    const enough = { ...facts, unreachableAttempts: UNREACHABLE_ATTEMPTS };
    expect(unavailableActions(enough, supervisor).map((u) => u.action)).not.toContain('close_unreachable');
    expect(availableActions(enough, supervisor)).toContain('close_unreachable');
  });

  it("tells a dispatcher below the case's level that the holding level's dispatchers act, and which level", () => {
    const community: Actor = {
      roles: ['grid_worker'],
      firstResponder: false,
      handlingUnit: false,
      summoned: false,
      heldAbove: true,
    };
    const facts: CaseFacts = { ...fresh().facts, state: 'accepted', level: 1 };
    const held = unavailableActions(facts, community).filter((u) => u.reason === 'held_above');
    // Every dispatcher's action of this state, none of another state's, each naming the street.
    expect(held.map((u) => u.action).sort()).toEqual(
      CASE_ACTIONS.filter(
        (a) => TRANSITIONS[a].from.includes('accepted') && TRANSITIONS[a].by.roles?.includes('dispatcher'),
      ).sort(),
    );
    expect(held.every((u) => u.level === 1)).toBe(true);
    for (const u of held)
      expect(decide(facts, u.action, community, { reason: '说明理由' })).toMatchObject({ ok: false });
    // What the actor may fire as the case's first responder stays offered, not listed as held.
    const responder = { ...community, firstResponder: true };
    expect(availableActions(facts, responder)).toEqual(['progress_notice', 'classify']);
    expect(
      unavailableActions(facts, responder)
        .map((u) => u.action)
        .filter((a) => a === 'progress_notice' || a === 'classify'),
    ).toEqual([]);
    // Without a lower dispatcher grant nothing is said of the dispatchers' actions.
    expect(
      unavailableActions(facts, { ...community, heldAbove: false }).some((u) => u.reason === 'held_above'),
    ).toBe(false);
  });

  it('gives every action the actor may fire either an offer or the reason decide() refuses it with', () => {
    const factsArb: fc.Arbitrary<CaseFacts> = fc.record({
      state: fc.constantFrom(...CASE_STATES),
      level: fc.integer({ min: 0, max: 2 }),
      unitLevel: fc.constantFrom(null, 0, 1, 2),
      latestRating: fc.constantFrom(null, ...RATINGS),
      unreachableAttempts: fc.integer({ min: 0, max: 4 }),
      openTasks: fc.integer({ min: 0, max: 3 }),
      extensionPending: fc.boolean(),
      reopenCount: fc.integer({ min: 0, max: 2 }),
      escalations: fc.integer({ min: 0, max: 1 }),
    });
    // Any input the actor could bring: if decide() refuses all of them alike, no input lifts the refusal.
    const inputs: ActionInput[] = RATINGS.map((rating) => ({ reason: '情况已核实', rating }));
    fc.assert(
      fc.property(factsArb, actorArb, (facts, actor) => {
        const offered = availableActions(facts, actor).filter((a) => blockingRefusal(facts, a) === null);
        const unavailable = unavailableActions(facts, actor);
        const mayFireAny = CASE_ACTIONS.filter((a) => mayFire(a, actor));
        expect([...offered, ...unavailable.map((u) => u.action)].sort()).toEqual([...mayFireAny].sort());
        for (const u of unavailable) {
          for (const input of inputs) {
            expect(decide(facts, u.action, actor, input)).toEqual({ ok: false, error: u.reason });
          }
        }
        for (const a of offered) expect(inputs.some((input) => decide(facts, a, actor, input).ok)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sending a reply back', () => {
  const firstResponder: Actor = {
    roles: ['grid_worker'],
    firstResponder: true,
    handlingUnit: false,
    summoned: false,
  };
  const replied = (unitLevel: number | null): CaseFacts => ({
    ...fresh().facts,
    state: 'replied',
    unitLevel,
  });

  it('goes back to the unit that replied, its handling clock started again', () => {
    expect(decide(replied(0), 'send_back', firstResponder, { reason: '答复不全' })).toMatchObject({
      ok: true,
      to: 'in_progress',
      starts: ['handling'],
    });
  });

  it('goes back to the dispatchers when no unit replied (answered at once, resolved on the spot)', () => {
    expect(decide(replied(null), 'send_back', firstResponder, { reason: '答复不全' })).toMatchObject({
      ok: true,
      to: 'accepted',
      starts: [],
    });
  });
});
