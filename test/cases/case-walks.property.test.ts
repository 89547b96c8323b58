import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCountersIn, rebuildCaseFigures } from '../../src/server/modules/cases/case-figures.ts';
import { actionPath } from '../../src/server/modules/cases/cases.routes.ts';
import { foldFigureDeltas } from '../../src/server/modules/figures/rollups.ts';
import { CASE_ACTIONS, type CaseAction, RATINGS, TERMINAL_STATES } from '../../src/shared/cases/workflow.ts';
import type { CaseDetail } from '../../src/shared/domain/case.ts';
import type { TestApp } from '../support/app.ts';
import { demoGrants, type seedSmallDemo } from '../support/demo.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';
import { validBody } from './action-bodies.ts';
import { httpCaseWorld } from './http-case-world.ts';

/**
 * Random walks through the real API and database: whatever the order of actions and actors, every
 * accepted action leaves exactly one event and one audit row, a refused one leaves none and answers
 * 4xx, terminal states stay terminal, a case whose latest rating is unsatisfied never reaches a
 * terminal state (closed, cancelled, rejected, merged) but by an override event — a supervisor
 * closing it with a written reason — and the clocks that run match the state. Cancel and the other
 * endings are tried on purpose, most of all on reopened cases.
 */
const USERS = ['dispatcher', 'worker1', 'handler', 'handler2', 'supervisor'] as const;

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let cookies: Record<string, string>;
let urbanOffice: string;
let lawEnforcement: string;
/** The demo accounts holding the supervisor role, by user id. */
let supervisors: Set<string>;

beforeAll(async () => {
  ({
    t,
    demo,
    cookies,
    urbanOffice,
    lawEnforcement,
    newCase: takeIn,
    caseRows: counts,
  } = await httpCaseWorld(USERS));
  supervisors = new Set((await demoGrants(t)).filter((g) => g.role === 'supervisor').map((g) => g.user_id));
});
afterAll(async () => t.close());

let takeIn: (title: string, note: string) => Promise<string>;
const newCase = (title: string) => takeIn(title, '随机游走测试');

const detail = async (id: string) =>
  (await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies.dispatcher)).json() as CaseDetail;

let counts: (id: string) => Promise<{ events: number; audits: number }>;

/** The loop's forward path: a "forward" step takes the first of these the user is offered. */
const FORWARD: readonly CaseAction[] = [
  'accept',
  'dispatch',
  'sign',
  // Not first_contact: offered all through handling, it would hold every forward step there.
  'reply',
  'approve_reply',
  'rate',
  'rehandle',
  'refuse_return',
  'approve_extension',
];

/** The actions that end a case: the ways around 不满意不销号 a walk tries on purpose. */
const ENDINGS: readonly CaseAction[] = ['cancel', 'close_override', 'close_unreachable', 'reject', 'merge'];

/** A forward step whose rating (RATINGS[pick]) is "unsatisfied". */
const TO_UNSATISFIED = {
  mode: 'forward',
  action: 'accept',
  user: 'dispatcher',
  ending: 'cancel',
  pick: RATINGS.indexOf('unsatisfied'),
} as const;

/** The case's last event, as the timeline records it. */
const lastEvent = (id: string) =>
  t.database.db
    .selectFrom('case_event')
    .select(['action', 'to_state', 'actor_id', 'reason'])
    .where('case_id', '=', id)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();

/** Forward along the loop, any offered action, any action at all (mostly refused), or an ending. */
const step = fc.record({
  mode: fc.constantFrom('forward', 'forward', 'forward', 'offered', 'any', 'end'),
  action: fc.constantFrom(...CASE_ACTIONS),
  user: fc.constantFrom(...USERS),
  ending: fc.constantFrom(...ENDINGS),
  pick: fc.nat(20),
});

describe('random walks through the case API', () => {
  it('keeps the workflow invariants for any sequence of actions and actors', async () => {
    let run = 0;
    const states = new Set<string>();
    /** Codes of the cancels refused over an unsatisfied rating. */
    const cancelsOverUnsatisfied: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(step, { minLength: 10, maxLength: 24 }),
        async (reopen, drawn) => {
          run += 1;
          const id = await newCase(`随机事项${run}`);
          const other = await newCase(`并案目标${run}`);
          // Half the walks first go forward to an unsatisfied rating (accept, dispatch, sign, reply,
          // approve, rate) and try to cancel the reopened case; the random part goes on from there.
          const prefix = [...Array(6).fill(TO_UNSATISFIED), { ...TO_UNSATISFIED, mode: 'end' }];
          const steps = reopen ? [...prefix, ...drawn] : drawn;
          for (const s of steps) {
            const before = await detail(id);
            const rowsBefore = await counts(id);
            // An offered step goes to the first user, from the drawn one on, who is offered something;
            // a forward step to the first who is offered a forward action, if anyone is. An ending is
            // tried by whoever could fire it: a dispatcher, or the supervisor for a close.
            let user: (typeof USERS)[number] =
              s.mode === 'end' ? (s.ending.startsWith('close_') ? 'supervisor' : 'dispatcher') : s.user;
            let action: CaseAction = s.mode === 'end' ? s.ending : s.action;
            if (s.mode === 'forward' || s.mode === 'offered') {
              const start = USERS.indexOf(s.user);
              const offers: { user: (typeof USERS)[number]; offered: CaseAction[] }[] = [];
              for (let i = 0; i < USERS.length; i++) {
                const candidate = USERS[(start + i) % USERS.length] as (typeof USERS)[number];
                const seen = await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies[candidate]);
                const offered = seen.status === 200 ? (seen.json() as CaseDetail).actions : [];
                if (offered.length > 0) offers.push({ user: candidate, offered });
              }
              const forward =
                s.mode === 'forward'
                  ? offers.find((o) => FORWARD.some((a) => o.offered.includes(a)))
                  : undefined;
              const chosen = forward ?? offers[0];
              if (chosen) {
                user = chosen.user;
                action = forward
                  ? (FORWARD.find((a) => chosen.offered.includes(a)) as CaseAction)
                  : (chosen.offered[s.pick % chosen.offered.length] as CaseAction);
              }
            }
            const res = await demo.send(
              'POST',
              `/api/v1/cases/${id}/${actionPath(action)}`,
              validBody(action, before, {
                departments: [lawEnforcement, urbanOffice],
                mergeInto: other,
                pick: s.pick,
              }),
              cookies[user],
              { 'if-match': `"${before.version}"` },
            );
            const after = await detail(id);
            const rowsAfter = await counts(id);
            expect(res.status).toBeLessThan(500);
            if (res.status === 200) {
              expect(rowsAfter).toEqual({ events: rowsBefore.events + 1, audits: rowsBefore.audits + 1 });
              expect(after.version).toBe(before.version + 1);
              states.add(after.state);
              // 不满意不销号: a case the resident left unsatisfied ends only by the override event
              // (a closed case classified afterwards stays closed: that step ends nothing).
              if (
                !TERMINAL_STATES.has(before.state) &&
                TERMINAL_STATES.has(after.state) &&
                after.latestRating === 'unsatisfied'
              ) {
                const event = await lastEvent(id);
                expect(event.to_state).toBe('closed');
                expect(supervisors.has(event.actor_id as string)).toBe(true);
                expect(event.reason?.trim().length ?? 0).toBeGreaterThanOrEqual(2);
              }
            } else {
              expect([403, 404, 409, 422]).toContain(res.status);
              expect(rowsAfter).toEqual(rowsBefore);
              expect(after.version).toBe(before.version);
              if (action === 'cancel' && before.latestRating === 'unsatisfied') {
                cancelsOverUnsatisfied.push((res.json() as { code: string }).code);
              }
            }
            if (TERMINAL_STATES.has(before.state)) expect(after.state).toBe(before.state);
            const running = after.clocks.filter((c) => c.stoppedAt === null).map((c) => c.clock);
            if (TERMINAL_STATES.has(after.state)) expect(running).toEqual([]);
            if (running.includes('sign_off')) expect(after.state).toBe('dispatched');
            if (running.includes('first_contact')) expect(after.state).toBe('in_progress');
            if (running.includes('follow_up')) expect(after.state).toBe('follow_up');
          }
        },
      ),
      { numRuns: 10, seed: 20261122 },
    );
    // The walks reached deep into the loop, not only the first steps.
    expect([...states]).toEqual(
      expect.arrayContaining(['accepted', 'dispatched', 'in_progress', 'replied', 'reopened']),
    );
    // The walks tried to cancel over an unsatisfied rating: a dispatcher got the stable refusal,
    // anyone else (or a dispatcher below an escalated case's level) no permission at all.
    expect(cancelsOverUnsatisfied).toContain('CASE_CANCEL_NOT_ALLOWED');
    for (const code of cancelsOverUnsatisfied)
      expect(['CASE_CANCEL_NOT_ALLOWED', 'FORBIDDEN']).toContain(code);

    // The figures kept through every change (part folded, a tail of deltas left) equal a rebuild
    // from the cases (issue 12 §2), and the read adds up to what the cases say.
    const db = t.database.db;
    const district = (await db.selectFrom('case_record').select('district_code').executeTakeFirstOrThrow())
      .district_code;
    expect(await foldFigureDeltas(db, 10)).toBeGreaterThan(0);
    const keptRead = await caseCountersIn(db, district, [district], '2000-01-01', '2100-01-01');
    await expectRebuildEqualsKept(db, 'case', district, rebuildCaseFigures);
    const cases = keptRead.received;
    const byState = await db
      .selectFrom('case_record')
      .select(['state', db.fn.countAll<number>().as('n')])
      .where('district_code', '=', district)
      .groupBy('state')
      .execute();
    const count = (state: string) => Number(byState.find((r) => r.state === state)?.n ?? 0);
    expect(cases).toBe(byState.reduce((a, r) => a + Number(r.n), 0));
    expect([keptRead.closed, keptRead.rejected, keptRead.merged, keptRead.cancelled]).toEqual([
      count('closed'),
      count('rejected'),
      count('merged'),
      count('cancelled'),
    ]);
  }, 300_000);
});
