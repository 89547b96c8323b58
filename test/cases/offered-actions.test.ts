import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionPath } from '../../src/server/modules/cases/cases.routes.ts';
import { CASE_ACTIONS, type CaseAction } from '../../src/shared/cases/workflow.ts';
import type { CaseDetail } from '../../src/shared/domain/case.ts';
import type { TestApp } from '../support/app.ts';
import type { seedSmallDemo } from '../support/demo.ts';
import { validBody } from './action-bodies.ts';
import { httpCaseWorld } from './http-case-world.ts';

/**
 * What the case page offers is what the server accepts: on a case whose street summoned a district
 * bureau (街乡吹哨), every action offered to the handling unit, the summoned department, the
 * dispatcher, the first responder and the supervisor goes through, and every action not offered
 * is refused.
 */
const USERS = ['handler', 'handler2', 'dispatcher', 'worker1', 'supervisor'] as const;
type User = (typeof USERS)[number];

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let cookies: Record<User, string>;
let urbanOffice: string;
let lawEnforcement: string;
let mergeTarget: string;

beforeAll(async () => {
  ({ t, demo, cookies, urbanOffice, lawEnforcement, newCase: takeIn } = await httpCaseWorld(USERS));
  mergeTarget = await newCase('并案目标');
});
afterAll(async () => t.close());

let takeIn: (title: string, note: string) => Promise<string>;
const newCase = (title: string) => takeIn(title, '提供的操作即可执行');

async function detail(id: string, user: User): Promise<CaseDetail | null> {
  const res = await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies[user]);
  return res.status === 200 ? (res.json() as CaseDetail) : null;
}

async function fire(id: string, action: CaseAction, user: User, body?: unknown) {
  const before = (await detail(id, 'dispatcher')) as CaseDetail;
  return demo.send(
    'POST',
    `/api/v1/cases/${id}/${actionPath(action)}`,
    body ??
      validBody(action, before, {
        departments: [urbanOffice],
        mergeInto: mergeTarget,
        ownDepartment: user === 'handler2' ? lawEnforcement : user === 'handler' ? urbanOffice : null,
      }),
    cookies[user],
    { 'if-match': `"${before.version}"` },
  );
}

async function step(id: string, action: CaseAction, user: User, body?: unknown): Promise<void> {
  const res = await fire(id, action, user, body);
  if (res.status !== 200) throw new Error(`${action} by ${user}: ${res.status} ${res.text()}`);
}

/** In progress at the street urban office, with the district's law enforcement bureau summoned to lead. */
async function whistledCase(): Promise<string> {
  const id = await newCase(`吹哨事项 ${Math.random().toString(36).slice(2, 8)}`);
  await step(id, 'accept', 'dispatcher');
  await step(id, 'dispatch', 'dispatcher');
  await step(id, 'sign', 'handler');
  await step(id, 'whistle', 'dispatcher', { leadDepartmentId: lawEnforcement });
  // The whistle leaves one open task, the bureau's (the dispatch went to the urban office).
  const c = (await detail(id, 'dispatcher')) as CaseDetail;
  expect(c.tasks.map((x) => [x.departmentId, x.doneAt])).toEqual([[lawEnforcement, null]]);
  return id;
}

describe('the actions a case offers are the ones the server accepts', () => {
  it('on a summoned case: the bureau only reports in, the handling unit is not offered reporting in', async () => {
    const id = await whistledCase();
    expect((await detail(id, 'handler2'))?.actions).toEqual(['complete_task']);
    const unit = (await detail(id, 'handler'))?.actions ?? [];
    expect(unit).not.toContain('complete_task');
    expect(unit).toEqual(expect.arrayContaining(['first_contact', 'request_extension']));
    // The reply it is not offered says why: the one summoned bureau has not reported in.
    expect((await detail(id, 'handler'))?.unavailableActions).toContainEqual({
      action: 'reply',
      reason: 'tasks_open',
      count: 1,
    });
  });

  it.each(USERS)(
    'every action offered to %s goes through, every other is refused',
    async (user) => {
      const probe = await whistledCase();
      const offered = (await detail(probe, user))?.actions ?? [];
      for (const action of offered) {
        // Each on a case of its own in the same state, so one action does not change the next one's case.
        const id = await whistledCase();
        const res = await fire(id, action, user);
        expect({ action, status: res.status, body: res.status === 200 ? null : res.json() }).toEqual({
          action,
          status: 200,
          body: null,
        });
      }
      for (const action of CASE_ACTIONS.filter((a) => !offered.includes(a))) {
        const before = (await detail(probe, 'dispatcher')) as CaseDetail;
        const res = await fire(probe, action, user);
        expect([403, 404, 409, 422], `${action} by ${user}`).toContain(res.status);
        expect((await detail(probe, 'dispatcher'))?.version).toBe(before.version);
      }
    },
    600_000,
  );
});
