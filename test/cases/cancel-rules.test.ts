import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionPath } from '../../src/server/modules/cases/cases.routes.ts';
import type { CaseAction } from '../../src/shared/cases/workflow.ts';
import type { CaseDetail } from '../../src/shared/domain/case.ts';
import type { TestApp } from '../support/app.ts';
import type { seedSmallDemo } from '../support/demo.ts';
import { httpCaseWorld } from './http-case-world.ts';

/**
 * 不满意不销号 through the API: cancelling (撤销) is for cases nothing was promised on yet. A
 * dispatcher who tries it on a reopened case — or on any case already sent to a unit — gets 409
 * CASE_CANCEL_NOT_ALLOWED and nothing changes; only the supervisor's reasoned override closes it.
 */
const USERS = ['dispatcher', 'worker1', 'handler', 'supervisor'] as const;
type User = (typeof USERS)[number];

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let cookies: Record<User, string>;
let urbanOffice: string;
let takeIn: (title: string, note: string) => Promise<string>;

beforeAll(async () => {
  ({ t, demo, cookies, urbanOffice, newCase: takeIn, caseRows: rows } = await httpCaseWorld(USERS));
});
afterAll(async () => t.close());

const read = async (id: string, user: User = 'dispatcher') =>
  (await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies[user])).json() as CaseDetail;

async function act(user: User, id: string, action: CaseAction, body: unknown = {}) {
  const { version } = await read(id, user);
  return demo.send('POST', `/api/v1/cases/${id}/${actionPath(action)}`, body, cookies[user], {
    'if-match': `"${version}"`,
  });
}

async function ok(user: User, id: string, action: CaseAction, body: unknown = {}) {
  const res = await act(user, id, action, body);
  expect(res.status, `${action}: ${res.text()}`).toBe(200);
}

let rows: (id: string) => Promise<{ events: number; audits: number }>;

/** Expects the dispatcher's cancel to be refused with the stable code, leaving the case as it was. */
async function cancelRefused(id: string) {
  const before = await read(id);
  expect(before.actions).not.toContain('cancel');
  const counted = await rows(id);
  const res = await act('dispatcher', id, 'cancel', { reason: '居民撤回诉求' });
  expect(res.status).toBe(409);
  expect(res.json()).toMatchObject({ code: 'CASE_CANCEL_NOT_ALLOWED', status: 409 });
  const after = await read(id);
  expect({ state: after.state, version: after.version }).toEqual({
    state: before.state,
    version: before.version,
  });
  expect(await rows(id)).toEqual(counted);
}

/** Takes a case through handling to the follow-up, where the first responder (worker1) rates it. */
async function toFollowUp(title: string) {
  const id = await takeIn(title, '撤销规则测试');
  await ok('dispatcher', id, 'accept');
  await ok('dispatcher', id, 'dispatch', { unit: { departmentId: urbanOffice } });
  await ok('handler', id, 'sign');
  await ok('handler', id, 'reply', { reply: '已安排维修' });
  await ok('worker1', id, 'approve_reply');
  return id;
}

describe('cancelling a case', () => {
  it('refuses a dispatcher cancelling a reopened case with 409 CASE_CANCEL_NOT_ALLOWED; the supervisor overrides', async () => {
    const id = await toFollowUp('楼道堆物未清');
    await ok('worker1', id, 'rate', { rating: 'unsatisfied' });
    expect((await read(id)).state).toBe('reopened');
    await cancelRefused(id);

    // The one way to end it over the resident's "unsatisfied": the supervisor, with a reason.
    expect((await read(id, 'supervisor')).actions).toContain('close_override');
    await ok('supervisor', id, 'close_override', { reason: '诉求超出政策范围，已解释' });
    const closed = await read(id);
    expect({ state: closed.state, latestRating: closed.latestRating }).toEqual({
      state: 'closed',
      latestRating: 'unsatisfied',
    });
  });

  it('keeps refusing once the reopened case is handled again, until the resident is satisfied', async () => {
    const id = await toFollowUp('路面坑洼');
    await ok('worker1', id, 'rate', { rating: 'unsatisfied' });
    await ok('dispatcher', id, 'rehandle');
    expect((await read(id)).state).toBe('in_progress');
    await cancelRefused(id);
    await ok('handler', id, 'reply', { reply: '已重新修补' });
    await ok('worker1', id, 'approve_reply');
    await cancelRefused(id);
    await ok('worker1', id, 'rate', { rating: 'satisfied' });
    expect((await read(id)).state).toBe('closed');
  });

  it('refuses cancel once the case is dispatched, and allows it before', async () => {
    const fresh = await takeIn('重复反映', '撤销规则测试');
    expect((await read(fresh)).actions).toContain('cancel');
    await ok('dispatcher', fresh, 'cancel', { reason: '重复反映，居民撤回' });
    expect((await read(fresh)).state).toBe('cancelled');

    const accepted = await takeIn('居民已自行解决', '撤销规则测试');
    await ok('dispatcher', accepted, 'accept');
    expect((await read(accepted)).actions).toContain('cancel');
    await ok('dispatcher', accepted, 'cancel', { reason: '居民撤回诉求' });
    expect((await read(accepted)).state).toBe('cancelled');

    const dispatched = await takeIn('井盖松动', '撤销规则测试');
    await ok('dispatcher', dispatched, 'accept');
    await ok('dispatcher', dispatched, 'dispatch', { unit: { departmentId: urbanOffice } });
    await cancelRefused(dispatched);
    await ok('handler', dispatched, 'sign');
    await cancelRefused(dispatched);
  });
});
