import type { FastifyInstance } from 'fastify';
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { injectSender, type Send } from '../support/auth.ts';
import { onCitus, testEngine } from '../support/db.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';
import { QueryRecorder } from '../support/query-recorder.ts';

// A district user's request stays in the district (issue 17 §3): every statement of the hot paths
// (the queue, a case's page, intake, a resident's report, field sync, coverage, the dashboard's
// figures) names the district, on every engine; on Citus each is planned as a router query, one
// task on one shard (EXPLAIN). A second server over the test database records the statements it
// runs.

let t: TestApp;
let b: FastifyInstance;
let send: Send;
let recorder: QueryRecorder;
const cookies: Record<string, string> = {};
let grid: { id: string; path: string };
let community: string;
let districtTables: RegExp;

beforeAll(async () => {
  t = await createTestApp();
  const demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  const worker = grants.find((g) => g.username === 'worker1');
  community = worker?.region_id as string;
  grid = await firstGridBelow(t, worker?.path as string);
  recorder = new QueryRecorder(t.database.db as unknown as Kysely<unknown>);
  const config = loadConfig({ LOG_LEVEL: 'silent', MINQING_PII_KEY: `${'A'.repeat(43)}=` });
  b = await buildApp(createContext(config, { ...t.database, db: t.database.db.withPlugin(recorder) }));
  await b.ready();
  send = injectSender(b);
  for (const user of ['worker1', 'dispatcher', 'leader']) cookies[user] = await demo.signIn(user);
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'district_code'
    where n.nspname = 'public' and c.relkind in ('r', 'p')`.execute(t.database.db);
  districtTables = new RegExp(`\\b"?(${tables.rows.map((r) => r.name).join('|')})"?\\b`);
});
afterAll(async () => {
  await b?.close();
  await t?.close();
});

/** The statements server B ran for one request (after a first, uncounted run that warms its caches). */
async function statementsOf(
  user: string,
  method: 'GET' | 'POST',
  path: string,
  body?: () => unknown,
  headers: () => Record<string, string> = () => ({}),
): Promise<CompiledQuery[]> {
  const once = async () => {
    const res = await send(method, path, body?.(), cookies[user], headers());
    expect(res.status, `${method} ${path}: ${res.text()}`).toBeLessThan(300);
    return res;
  };
  await once();
  recorder.statements = [];
  await once();
  return recorder.statements.filter(
    (s) =>
      /^\s*(\/\*.*?\*\/\s*)?(select|insert|update|delete|with)\b/i.test(s.sql) && districtTables.test(s.sql),
  );
}

let n = 0;
const caseBody = () => ({
  channel: 'visit',
  kind: 'help',
  urgency: 'important',
  title: `楼道灯不亮${n++}`,
  description: '楼道灯坏了一个月。',
  regionId: grid.id,
  reporter: { type: 'resident', name: '张三' },
});
const key = () => ({ 'idempotency-key': `router-${n++}` });

/** The statement with its parameters written in as literals (EXPLAIN only; never run). */
function inlined(statement: CompiledQuery): string {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (value instanceof Date) return `'${value.toISOString()}'`;
    if (value instanceof Uint8Array) return `'\\x${Buffer.from(value).toString('hex')}'`;
    if (Array.isArray(value))
      return `'{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}'`;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `'${text.replace(/'/g, "''")}'`;
  };
  return statement.sql.replace(/\$(\d+)/g, (_, i: string) => literal(statement.parameters[Number(i) - 1]));
}

async function expectRouted(statements: CompiledQuery[]) {
  expect(statements.length).toBeGreaterThan(0);
  for (const statement of statements) {
    expect(statement.sql, 'names the district').toMatch(/district_code/);
    if (!onCitus()) continue;
    // Values inlined: Citus cannot EXPLAIN a parameterised statement it runs in several steps
    // (the audit row's, whose CTEs become subplans), though it runs it with parameters.
    const explained = await sql<Record<string, string>>`explain ${sql.raw(inlined(statement))}`
      .execute(t.database.db)
      .catch((error: Error) => {
        throw new Error(`${error.message}: explain ${statement.sql}`);
      });
    const plan = explained.rows.map((r) => Object.values(r)[0]).join('\n');
    // A district table read or written through Citus is one task; several would be a fan-out.
    expect(plan, statement.sql).toMatch(/Custom Scan \(Citus/);
    for (const count of plan.matchAll(/Task Count: (\d+)/g)) expect(Number(count[1]), statement.sql).toBe(1);
  }
}

describe(`a district's hot paths stay in the district (${onCitus() ? 'citus' : testEngine()})`, () => {
  it('the queue and a case page', async () => {
    await expectRouted(await statementsOf('dispatcher', 'GET', '/api/v1/cases?view=queue'));
    const created = await send('POST', '/api/v1/cases', caseBody(), cookies.worker1, key());
    const id = (created.json() as { id: string }).id;
    await expectRouted(await statementsOf('dispatcher', 'GET', `/api/v1/cases/${id}`));
  });

  it('intake', async () => {
    await expectRouted(await statementsOf('worker1', 'POST', '/api/v1/cases', caseBody, key));
  });

  it("a resident's report by the form (no account)", async () => {
    await expectRouted(
      await statementsOf('', 'POST', '/api/v1/public/reports', () => ({
        regionId: grid.id,
        kind: 'help',
        title: `路灯不亮${n++}`,
        description: '小区东门路灯坏了三天。',
        phone: '13912345678',
      })),
    );
  });

  it('field sync', async () => {
    const household = await addHousehold(t, grid);
    await expectRouted(
      await statementsOf('worker1', 'POST', '/api/v1/visits/sync', () => ({
        visits: [
          {
            clientId: `router-sync-${n++}`,
            visit: {
              form: 'routine',
              target: { type: 'household', householdId: household },
              startedAt: new Date(Date.UTC(2026, 5, 2, 2, 0, n)).toISOString(),
              endedAt: new Date(Date.UTC(2026, 5, 2, 3, 0, n)).toISOString(),
              notes: '了解家里近况。',
            },
          },
        ],
      })),
    );
  });

  it('coverage and the dashboard figures', async () => {
    await expectRouted(
      await statementsOf('leader', 'GET', `/api/v1/coverage?regionId=${community}&period=quarter`),
    );
    await expectRouted(
      await statementsOf('leader', 'GET', `/api/v1/figures?regionId=${community}&period=month`),
    );
  });
});
