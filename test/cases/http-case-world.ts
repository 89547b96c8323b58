import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * The small demo behind the case API suites that drive cases over HTTP: signed-in demo accounts, a
 * grid in worker1's community, the street's urban office and the district's law-enforcement
 * bureau, and a way to take a new case in as worker1.
 */
export interface HttpCaseWorld<U extends string> {
  t: TestApp;
  demo: Awaited<ReturnType<typeof seedSmallDemo>>;
  cookies: Record<U, string>;
  grid: string;
  urbanOffice: string;
  lawEnforcement: string;
  /** Takes a case in as worker1 in the grid; `note` tells the suites' descriptions apart. */
  newCase(title: string, note: string): Promise<string>;
  /** How many timeline events and case audit rows the case has (one of each per accepted change). */
  caseRows(id: string): Promise<{ events: number; audits: number }>;
}

export async function httpCaseWorld<U extends string>(users: readonly U[]): Promise<HttpCaseWorld<U>> {
  // Hundreds of requests from one address: lift the per-address limit.
  const t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '1000000' });
  const demo = await seedSmallDemo(t, 10);
  const grants = await demoGrants(t);
  const grid = (await firstGridBelow(t, grants.find((g) => g.username === 'worker1')?.path as string)).id;
  const dept = async (code: string) =>
    (
      await t.database.db
        .selectFrom('department')
        .select('id')
        .where('code', 'like', code)
        .executeTakeFirstOrThrow()
    ).id;
  const cookies = {} as Record<U, string>;
  for (const u of users) cookies[u] = await demo.signIn(u);
  const worker1 = cookies['worker1' as U] ?? (await demo.signIn('worker1'));
  return {
    t,
    demo,
    cookies,
    grid,
    urbanOffice: await dept('%-urban'),
    lawEnforcement: await dept('law_enforcement'),
    async newCase(title, note) {
      const res = await demo.send(
        'POST',
        '/api/v1/cases',
        {
          // Taken in at the street (the hotline's default level), where whistles are allowed.
          channel: 'hotline_12345',
          kind: 'complaint',
          urgency: 'urgent',
          title,
          description: `${title}：${note}`,
          regionId: grid,
          reporter: { type: 'resident', name: '李四', phone: '13900001111' },
        },
        worker1,
      );
      expect(res.status).toBe(201);
      return (res.json() as { id: string }).id;
    },
    async caseRows(id) {
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
    },
  };
}
