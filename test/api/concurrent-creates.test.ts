import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

/**
 * The same record asked for several times at once (a double-clicked button, two staff together):
 * every use case that reads "is it free?" before writing answers the later requests with its own
 * 409, never a 500 from the unique key. On PostgreSQL the requests run in parallel and pass the
 * read together; the key decides, and the use case names what was taken.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookie: Record<string, string> = {};
let worker1: { id: string; path: string };
let grid: { id: string; path: string };

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 10);
  for (const who of ['leader', 'secadmin', 'sysadmin']) cookie[who] = await demo.signIn(who);
  const g = (await demoGrants(t)).find((x) => x.username === 'worker1');
  worker1 = { id: g?.user_id as string, path: g?.path as string };
  grid = await firstGridBelow(t, worker1.path);
});
afterAll(async () => t.close());

/** Sends one request six times at once; expects one `created` and five 409s saying `detail`. */
async function sixAtOnce(url: string, body: unknown, who: string, created: number, detail: RegExp) {
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => demo.send('POST', url, body, cookie[who])),
  );
  expect(answers.map((a) => a.status).sort()).toEqual([created, 409, 409, 409, 409, 409]);
  for (const a of answers.filter((x) => x.status === 409))
    expect((a.json() as { detail: string }).detail).toMatch(detail);
}

describe('the same record asked for at once', () => {
  it('assigns a household to a worker (包联) once', async () => {
    const household = await addHousehold(t, grid);
    await sixAtOnce(
      '/api/v1/visit-assignments',
      { userId: worker1.id, subjectType: 'household', subjectId: household },
      'leader',
      201,
      /Already assigned/,
    );
  });

  it('adds an estate of one name to a grid once', async () => {
    await sixAtOnce(`/api/v1/regions/${grid.id}/estates`, { name: '并发小区' }, 'sysadmin', 201, /并发小区/);
  });

  it('creates an account of one username once', async () => {
    await sixAtOnce(
      '/api/v1/users',
      {
        username: 'twice.clicked',
        displayName: '重复提交',
        grants: [{ role: 'grid_worker', scopeRegionId: null }],
      },
      'secadmin',
      201,
      /twice\.clicked is taken/,
    );
  });
});
