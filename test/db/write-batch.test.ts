import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from '../attachments/images.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { Send } from '../support/auth.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';
import { open311Client } from '../support/open311.ts';
import type { QueryCounter } from '../support/query-counter.ts';
import { countedSecondServer } from '../support/second-server.ts';

// The round trips of a staff intake and of a visit (issue 16 §1): the writes nobody reads back
// (outbox messages, figure contributions and deltas, a visit's visitors and its target's last
// visit) ride in the audit row's statement (db/write-batch.ts), and a staff intake is that one
// statement (docs/adr/0004-one-statement-intake.md). A second server over the test database
// counts the statements it runs.

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let b: FastifyInstance;
let sendB: Send;
let cookie: string;
let grid: { id: string; path: string; district_code: string };
let counter: QueryCounter;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  grid = await firstGridBelow(t, grants.find((g) => g.username === 'worker1')?.path as string);
  ({ app: b, send: sendB, counter } = await countedSecondServer(t));
  cookie = await demo.signIn('worker1');
});
afterAll(async () => {
  await b?.close();
  await t?.close();
});

/** Runs a request on server B and answers its response with the statements B ran for it. */
async function counted(path: string, body: unknown, key: string) {
  counter.statements = [];
  const res = await sendB('POST', path, body, cookie, { 'idempotency-key': key });
  expect(res.status).toBe(201);
  return { id: (res.json() as { id: string }).id, statements: counter.perRequest };
}

/** Whether a statement (its operation tree in JSON) inserts into or updates `table`, itself or in a CTE. */
const writes = (statement: string, table: string) =>
  statement.includes(`"kind":"InsertQueryNode","into":${target(table)}`) ||
  statement.includes(`"kind":"UpdateQueryNode","table":${target(table)}`);
const target = (table: string) =>
  `{"kind":"TableNode","table":{"kind":"SchemableIdentifierNode","identifier":{"kind":"IdentifierNode","name":"${table}"}}}`;

/** Every statement writing one of `tables` is the audit row's, and there is one audit row. */
function expectHeldInAuditRow(statements: string[], tables: string[]) {
  const auditRow = statements.filter((s) => writes(s, 'audit_log'));
  expect(auditRow).toHaveLength(1);
  for (const table of tables) expect(statements.filter((s) => writes(s, table))).toEqual(auditRow);
}

const intake = (key: string) =>
  counted(
    '/api/v1/cases',
    {
      channel: 'visit',
      kind: 'help',
      urgency: 'important',
      title: '小区路灯不亮',
      description: '小区路灯不亮，晚上出行不便。',
      regionId: grid.id,
      reporter: { type: 'resident', name: '张三' },
    },
    key,
  );

describe('writes held for the audit row', () => {
  it('a staff intake is one statement: the case, its key, outbox messages and figures with its audit row', async () => {
    // The principal, the case numbers, the chain head and the intake's reads are kept after this.
    await intake('round-trips-warm-up');
    const { id, statements } = await intake('round-trips-counted');
    expectHeldInAuditRow(statements, [
      'case_record',
      'case_event',
      'idempotency_key',
      'outbox_message',
      'case_figure',
      'case_figure_delta',
      'audit_chain_head',
    ]);
    // Read the district's auth version; the place with the category and hotline level, and the
    // dispatchers to notify, are kept under it (versioned-cache.ts), and the key is not read
    // first; then the one statement, in autocommit (ADR 0004).
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain('"name":"auth_epoch"');
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

  it('a public report is one statement too: the case, its photos, status link and key with its audit row', async () => {
    const report = (key: string) =>
      sendB(
        'POST',
        '/api/v1/public/reports',
        {
          regionId: grid.id,
          kind: 'help',
          title: '路灯不亮',
          description: '小区东门路灯坏了三天，晚上很黑。',
          phone: '+86 139-1234-5678',
          photos: [{ data: PNG.toString('base64') }],
        },
        undefined,
        { 'idempotency-key': key },
      );
    await report('public-round-trips-warm-up');
    counter.statements = [];
    const res = await report('public-round-trips-counted');
    expect(res.status).toBe(201);
    const statements = counter.perRequest;
    expectHeldInAuditRow(statements, [
      'case_record',
      'case_event',
      'case_attachment',
      'status_link',
      'idempotency_key',
      'outbox_message',
      'case_figure',
      'audit_chain_head',
    ]);
    // The district's auth version (the place, the form settings and the dispatchers to notify are
    // kept under it), the key a retry would find, then the one statement.
    expect(statements).toHaveLength(3);
    expect(statements[0]).toContain('"name":"auth_epoch"');
    expect(statements[1]).toContain('"name":"idempotency_key"');
    const { number } = res.json() as { number: string };
    const db = t.database.db;
    const row = await db
      .selectFrom('case_record')
      .select(['id', 'channel'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe('self_report');
    const photos = await db
      .selectFrom('case_attachment')
      .select('id')
      .where('case_id', '=', row.id)
      .execute();
    expect(photos).toHaveLength(1);
    const sms = await db
      .selectFrom('outbox_message')
      .select('topic')
      .where('case_id', '=', row.id)
      .where('channel', '=', 'sms')
      .execute();
    expect(sms.map((m) => m.topic)).toEqual(['case.status_link']);
  });

  it('an Open311 request is one statement: the case and its status link with its audit row', async () => {
    const db = t.database.db;
    const admin = await demo.signIn('sysadmin');
    const { request: send } = await open311Client(t, demo.send, admin, grid, b);
    const request = () => send({ phone: '13912345678' });
    expect((await request()).statusCode).toBe(200);
    counter.statements = [];
    const res = await request();
    expect(res.statusCode, res.body).toBe(200);
    const statements = counter.perRequest;
    // In a transaction the case row and its event would be statements of their own.
    expectHeldInAuditRow(statements, ['case_record', 'case_event', 'status_link', 'outbox_message']);
    // The district's auth version (the client, the district, the service and the people to notify
    // are kept under it), the boundaries near the point, the statement; the client was marked used
    // a moment ago.
    expect(statements).toHaveLength(3);
    expect(statements[0]).toContain('"name":"auth_epoch"');
    expect(statements[1]).toContain('"name":"region_boundary"');
    const [answer] = res.json() as { service_request_id: string }[];
    const row = await db
      .selectFrom('case_record')
      .select(['channel', 'region_id'])
      .where('number', '=', answer?.service_request_id as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'api', region_id: grid.id });
  });

  it('a visit sends its visitors, its household’s last visit and its figures with its audit row', async () => {
    const household = await addHousehold(t, grid);
    const { id, statements } = await counted(
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: household },
        startedAt: '2026-06-02T10:00:00+08:00',
        endedAt: '2026-06-02T10:40:00+08:00',
        notes: '了解家里近况。',
        services: [],
      },
      'round-trips-visit',
    );
    expectHeldInAuditRow(statements, [
      'visit_visitor',
      'household',
      'visit_figure_delta',
      'coverage_figure_delta',
    ]);
    const db = t.database.db;
    const visitors = await db
      .selectFrom('visit_visitor')
      .select('user_id')
      .where('visit_id', '=', id)
      .execute();
    expect(visitors).toHaveLength(1);
    const touched = await db
      .selectFrom('household')
      .select('last_visit_at')
      .where('id', '=', household)
      .executeTakeFirstOrThrow();
    expect(new Date(touched.last_visit_at as Date).toISOString()).toBe('2026-06-02T02:00:00.000Z');
  });
});
