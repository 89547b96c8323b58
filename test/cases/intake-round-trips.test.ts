import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { injectSender, type Send } from '../support/auth.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { QueryCounter } from '../support/query-counter.ts';

// The round trips of a staff intake (issue 16 §1): the writes nobody reads back (outbox messages,
// figure contributions and deltas) ride in the audit row's statement (db/write-batch.ts). A second
// server over the test database counts the statements it runs.

let t: TestApp;
let b: FastifyInstance;
let sendB: Send;
let cookie: string;
let grid: string;
const counter = new QueryCounter();

beforeAll(async () => {
  t = await createTestApp();
  const demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  grid = (await firstGridBelow(t, grants.find((g) => g.username === 'worker1')?.path as string)).id;
  const config = loadConfig({ LOG_LEVEL: 'silent', MINQING_PII_KEY: `${'A'.repeat(43)}=` });
  b = await buildApp(createContext(config, { ...t.database, db: t.database.db.withPlugin(counter) }));
  await b.ready();
  sendB = injectSender(b);
  cookie = await demo.signIn('worker1');
});
afterAll(async () => {
  await b?.close();
  await t?.close();
});

const names = (statement: string, table: string) => statement.includes(`"name":"${table}"`);

async function intake(key: string) {
  counter.statements = [];
  const res = await sendB(
    'POST',
    '/api/v1/cases',
    {
      channel: 'visit',
      kind: 'help',
      urgency: 'important',
      title: '小区路灯不亮',
      description: '小区路灯不亮，晚上出行不便。',
      regionId: grid,
      reporter: { type: 'resident', name: '张三' },
    },
    cookie,
    { 'idempotency-key': key },
  );
  expect(res.status).toBe(201);
  return { id: (res.json() as { id: string }).id, statements: [...counter.statements] };
}

describe('a staff intake', () => {
  it('sends its outbox messages and figures in the audit row’s statement, and writes them', async () => {
    await intake('round-trips-warm-up'); // the principal and the case numbers are cached after this
    const { id, statements } = await intake('round-trips-counted');
    const auditRow = statements.filter((s) => names(s, 'audit_log'));
    expect(auditRow).toHaveLength(1);
    for (const table of ['outbox_message', 'case_figure', 'case_figure_delta']) {
      expect(
        statements.filter((s) => names(s, table)),
        table,
      ).toEqual(auditRow);
    }
    // Read the district's auth version, the key, the place; write the case with its event, then the
    // key; read the dispatchers (to notify); lock a chain stripe; the audit row with the rest.
    expect(statements.length).toBeLessThanOrEqual(8);
    const db = t.database.db;
    const outbox = await db
      .selectFrom('outbox_message')
      .select('channel')
      .where('case_id', '=', id)
      .execute();
    expect(outbox.map((m) => m.channel)).toContain('webhook');
    const figure = await db.selectFrom('case_figure').select('counters').where('case_id', '=', id).execute();
    expect(figure).toHaveLength(1);
  });
});
