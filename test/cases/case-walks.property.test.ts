import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionPath } from '../../src/server/modules/cases/cases.routes.ts';
import { CASE_ACTIONS, type CaseAction, RATINGS, TERMINAL_STATES } from '../../src/shared/cases/workflow.ts';
import type { CaseDetail } from '../../src/shared/domain/case.ts';
import type { TestApp } from '../support/app.ts';
import type { seedSmallDemo } from '../support/demo.ts';
import { httpCaseWorld } from './http-case-world.ts';

/**
 * Random walks through the real API and database: whatever the order of actions and actors, every
 * accepted action leaves exactly one event and one audit row, a refused one leaves none and answers
 * 4xx, terminal states stay terminal, a case never closes over an unsatisfied rating without a
 * supervisor's reasoned override, and the clocks that run match the state.
 */
const USERS = ['dispatcher', 'worker1', 'handler', 'handler2', 'supervisor'] as const;

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let cookies: Record<string, string>;
let urbanOffice: string;
let lawEnforcement: string;

beforeAll(async () => {
  ({ t, demo, cookies, urbanOffice, lawEnforcement, newCase: takeIn } = await httpCaseWorld(USERS));
});
afterAll(async () => t.close());

let takeIn: (title: string, note: string) => Promise<string>;
const newCase = (title: string) => takeIn(title, '随机游走测试');

const detail = async (id: string) =>
  (await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies.dispatcher)).json() as CaseDetail;

const counts = async (id: string) => {
  const db = t.database.db;
  const [events, audits] = await Promise.all([
    db.selectFrom('case_event').select('id').where('case_id', '=', id).execute(),
    db
      .selectFrom('audit_log')
      .select('id')
      .where('object_type', '=', 'case')
      .where('object_id', '=', id)
      .execute(),
  ]);
  return { events: events.length, audits: audits.length };
};

/** A valid body for each action (the server still decides whether it applies now). */
function bodyFor(action: CaseAction, c: CaseDetail, other: string, pick: number): unknown {
  const reason = { reason: '随机测试理由' };
  switch (action) {
    case 'reject':
      return { ...reason, rejectKind: 'invalid' };
    case 'merge':
      return { ...reason, intoCaseId: other };
    case 'answer':
    case 'resolve_on_spot':
    case 'reply':
      return { reply: '已处理' };
    case 'dispatch':
    case 'redispatch':
      return { unit: { departmentId: pick % 2 ? urbanOffice : lawEnforcement } };
    case 'return':
      return { ...reason, returnKind: 'not_our_duty' };
    case 'first_contact':
      return { note: '已联系' };
    case 'request_extension':
      return { ...reason, workingDays: 1 + (pick % 5) };
    case 'whistle':
      return { leadDepartmentId: pick % 2 ? lawEnforcement : urbanOffice };
    case 'complete_task':
      return {
        taskId: c.tasks.find((x) => !x.doneAt)?.id ?? '00000000-0000-7000-8000-000000000000',
        note: '完成',
      };
    case 'rate':
      return { rating: RATINGS[pick % RATINGS.length] };
    case 'progress_notice':
      return { message: '办理中' };
    case 'escalate':
    case 'refuse_return':
    case 'refuse_extension':
    case 'send_back':
    case 'close_unreachable':
    case 'close_override':
    case 'cancel':
      return reason;
    default:
      return {};
  }
}

/** The loop's forward path: a "forward" step takes the first of these the user is offered. */
const FORWARD: readonly CaseAction[] = [
  'accept',
  'dispatch',
  'sign',
  'first_contact',
  'reply',
  'approve_reply',
  'rate',
  'rehandle',
  'refuse_return',
  'approve_extension',
];

/** Forward along the loop, any offered action, or any action at all (mostly refused). */
const step = fc.record({
  mode: fc.constantFrom('forward', 'forward', 'forward', 'offered', 'any'),
  action: fc.constantFrom(...CASE_ACTIONS),
  user: fc.constantFrom(...USERS),
  pick: fc.nat(20),
});

describe('random walks through the case API', () => {
  it('keeps the workflow invariants for any sequence of actions and actors', async () => {
    let run = 0;
    const states = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 24 }), async (steps) => {
        run += 1;
        const id = await newCase(`随机事项${run}`);
        const other = await newCase(`并案目标${run}`);
        let overrideSeen = false;
        for (const s of steps) {
          const before = await detail(id);
          const rowsBefore = await counts(id);
          // An offered step goes to the first user, from the drawn one on, who is offered something.
          let user: (typeof USERS)[number] = s.user;
          let action: CaseAction = s.action;
          if (s.mode !== 'any') {
            const start = USERS.indexOf(s.user);
            for (let i = 0; i < USERS.length; i++) {
              const candidate = USERS[(start + i) % USERS.length] as (typeof USERS)[number];
              const seen = await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies[candidate]);
              const offered = seen.status === 200 ? (seen.json() as CaseDetail).actions : [];
              const forward = FORWARD.find((a) => offered.includes(a));
              if (offered.length > 0) {
                user = candidate;
                action =
                  s.mode === 'forward' && forward
                    ? forward
                    : (offered[s.pick % offered.length] as CaseAction);
                break;
              }
            }
          }
          const res = await demo.send(
            'POST',
            `/api/v1/cases/${id}/${actionPath(action)}`,
            bodyFor(action, before, other, s.pick),
            cookies[user],
            { 'if-match': `"${before.version}"` },
          );
          const after = await detail(id);
          const rowsAfter = await counts(id);
          expect(res.status).toBeLessThan(500);
          if (res.status === 200) {
            expect(rowsAfter).toEqual({ events: rowsBefore.events + 1, audits: rowsBefore.audits + 1 });
            expect(after.version).toBe(before.version + 1);
            if (action === 'close_override') overrideSeen = true;
            states.add(after.state);
          } else {
            expect([403, 404, 409, 422]).toContain(res.status);
            expect(rowsAfter).toEqual(rowsBefore);
            expect(after.version).toBe(before.version);
          }
          if (TERMINAL_STATES.has(before.state)) expect(after.state).toBe(before.state);
          if (after.state === 'closed' && after.latestRating === 'unsatisfied')
            expect(overrideSeen).toBe(true);
          const running = after.clocks.filter((c) => c.stoppedAt === null).map((c) => c.clock);
          if (TERMINAL_STATES.has(after.state)) expect(running).toEqual([]);
          if (running.includes('sign_off')) expect(after.state).toBe('dispatched');
          if (running.includes('first_contact')) expect(after.state).toBe('in_progress');
          if (running.includes('follow_up')) expect(after.state).toBe('follow_up');
        }
      }),
      { numRuns: 10, seed: 20261122 },
    );
    // The walks reached deep into the loop, not only the first steps.
    expect([...states]).toEqual(expect.arrayContaining(['accepted', 'dispatched', 'in_progress', 'replied']));
  }, 300_000);
});
