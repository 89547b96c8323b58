import { describe, expect, inject, it } from 'vitest';
import {
  type CaseDetail,
  caseDetailSchema,
  caseListSchema,
  createdCaseSchema,
} from '../../src/shared/domain/case.ts';
import { departmentListSchema } from '../../src/shared/domain/department.ts';
import { visitListSchema } from '../../src/shared/domain/visit.ts';
import { cstDay } from '../../src/shared/time/china-time.ts';
import { ApiSession } from './support/api.ts';
import { PHONE, registerBrowserSessions } from './support/browser.ts';
import { apiResponse } from './support/case-page.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/**
 * Each role's home page (issue 12 §3): a handler lands on their to-do and a count opens the list
 * it counts; a grid worker on a phone sees today's visits and the follow-ups they owe; a leader
 * still lands on the dashboard.
 */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);
type Username = 'dispatcher' | 'handler' | 'worker1' | 'leader';

const api = (username: Username) => ApiSession.signIn(origin, runAccounts(), username);

async function act(username: Username, id: string, action: string, body: object): Promise<void> {
  const current = caseDetailSchema.parse(
    await (await (await api('dispatcher')).get(`/api/v1/cases/${id}`)).json(),
  ) as CaseDetail;
  const res = await (await api(username)).post(`/api/v1/cases/${id}/${action.replaceAll('_', '-')}`, body, {
    'if-match': `"${current.version}"`,
  });
  if (res.status !== 200) throw new Error(`${action} by ${username}: ${res.status} ${await res.text()}`);
}

async function listTotal(username: Username, query: string): Promise<number> {
  return caseListSchema.parse(
    await (await (await api(username)).get(`/api/v1/cases?limit=1&${query}`)).json(),
  ).total;
}

/** A case worker1 takes in, dispatched to the street's urban office; `replied` has the office answer it. */
async function caseAtTheOffice(title: string, replied: boolean): Promise<string> {
  const worker1 = await api('worker1');
  const dispatcher = await api('dispatcher');
  const [community] = await worker1.regions();
  const [grid] = community ? await worker1.regions(community.id) : [];
  if (!grid) throw new Error('worker1 has no grid');
  const street = (await dispatcher.me()).roles[0]?.scopeRegionId;
  const departments = departmentListSchema.parse(await (await dispatcher.get('/api/v1/departments')).json());
  const office = departments.items.find((d) => d.code.endsWith('-urban') && d.regionId === street);
  if (!office) throw new Error("the demo street's urban office is missing");
  const res = await worker1.post('/api/v1/cases', {
    channel: 'hotline_12345',
    kind: 'complaint',
    urgency: 'ordinary',
    title: `${title} ${Date.now() % 100_000}`,
    description: `${title}：首页待办与列表一致`,
    regionId: grid.id,
    reporter: { type: 'resident', name: '赵六', phone: '13900003333' },
  });
  if (res.status !== 201) throw new Error(`new case: ${res.status} ${await res.text()}`);
  const id = createdCaseSchema.parse(await res.json()).id;
  await act('dispatcher', id, 'accept', {});
  await act('dispatcher', id, 'dispatch', { unit: { departmentId: office.id } });
  if (replied) {
    await act('handler', id, 'sign', {});
    await act('handler', id, 'reply', { reply: '已修复' });
  }
  return id;
}

describe('a home page for every role', () => {
  it('lands a handler on their to-do, whose count opens the matching list; a leader on the dashboard', async () => {
    await caseAtTheOffice('井盖松动', false);
    const toSign = await listTotal('handler', 'view=inbox&state=dispatched');
    expect(toSign).toBeGreaterThan(0);
    const office = (await (await api('handler')).me()).roles[0]?.scopeName;

    const { page } = await sessions.open();
    await signIn(page, 'handler');
    await page.goto('/');
    await page.getByTestId('home-todo').waitFor();
    expect(await page.getByTestId('home-title').textContent()).toBe(office);
    const tile = page.locator(`[data-testid="home-to-sign"][data-count="${toSign}"]`);
    await tile.waitFor();
    const listed = apiResponse(page, '/api/v1/cases');
    await tile.click();
    const response = await listed;
    const asked = new URL(response.url()).searchParams;
    expect([asked.get('view'), asked.getAll('state')]).toEqual(['inbox', ['dispatched']]);
    expect(caseListSchema.parse(await response.json()).total).toBe(toSign);
    expect(new URL(page.url()).searchParams.get('view')).toBe('inbox');
    await page.getByTestId('case-table').waitFor();

    const leader = await sessions.open();
    await signIn(leader.page, 'leader');
    await leader.page.goto('/');
    await leader.page.getByTestId('dashboard-title').waitFor();
    expect(await leader.page.getByTestId('home-todo').count()).toBe(0);
  });

  it('shows a grid worker on a phone their visits today and the replies they owe a follow-up', async () => {
    await caseAtTheOffice('路灯不亮', true);
    const worker1 = await api('worker1');
    const me = await worker1.me();
    const toReview = await listTotal('worker1', 'view=mine&state=replied');
    expect(toReview).toBeGreaterThan(0);
    const today = cstDay(new Date());
    const visited = visitListSchema.parse(
      await (await worker1.get(`/api/v1/visits?userId=${me.id}&from=${today}&to=${today}&limit=1`)).json(),
    ).total;

    const { page } = await sessions.open(PHONE);
    await signIn(page, 'worker1');
    await page.goto('/');
    await page.locator(`[data-testid="home-to-review"][data-count="${toReview}"]`).waitFor();
    await page.locator(`[data-testid="home-visited-today"][data-count="${visited}"]`).waitFor();
    // Titled with the worker's own community, not the district.
    expect(await page.getByTestId('home-title').textContent()).toBe(me.roles[0]?.scopeName);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('home-to-review').click();
    await page.waitForURL((url) => url.pathname === '/cases' && url.searchParams.get('view') === 'mine');
    expect(new URL(page.url()).searchParams.getAll('state')).toEqual(['replied']);
  });
});
