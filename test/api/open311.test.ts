import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type AnySchema } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { open311Target } from '../support/open311.ts';

/**
 * The Open311 GeoReport v2 server (issue 15 §3): every JSON answer is checked against the
 * standard's JSON Schemas (test/fixtures/open311-schemas), XML answers for their element names, and
 * every failure for the spec's error format in both.
 */
const SCHEMAS = path.resolve(import.meta.dirname, '../fixtures/open311-schemas');
const ajv = new Ajv({ strict: false, allErrors: true });
// The strictest clients' datetimes: a zone is mandatory (the spec), UTC without fractions (ours).
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
ajv.addFormat('uri', (value: string) => URL.canParse(value));
for (const file of fs.readdirSync(SCHEMAS).filter((f) => f.endsWith('.json')))
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')) as AnySchema, file);

function valid(schema: string, body: unknown): void {
  const check = ajv.getSchema(schema);
  if (!check) throw new Error(`no schema ${schema}`);
  expect(check(body) ? [] : check.errors).toEqual([]);
}

/** POST answers and tokens have no schema in the set: these follow README §2 (#3, #4). */
const postAnswerSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['service_request_id'],
    properties: {
      service_request_id: { type: 'string' },
      service_notice: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    },
    not: { required: ['token'] },
  },
};
const tokenSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['service_request_id', 'token'],
    properties: { service_request_id: { type: 'string' }, token: { type: 'string' } },
  },
};
const errorsSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
  },
};
const updatesSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description'],
    properties: {
      update_id: { type: 'string' },
      service_request_id: { type: 'string' },
      status: { enum: ['open', 'closed'] },
      updated_datetime: { type: 'string', format: 'date-time' },
      description: { type: 'string' },
    },
  },
};

/** The element names of an XML document, in order, after checking its declaration. */
function xmlNames(body: string): string[] {
  expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return [...body.matchAll(/<([a-z_]+)>/g)].map((m) => m[1] as string);
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let admin: string;
let apiKey: string;
let clientId: string;
let districtCode: string;
let grid: { id: string; path: string; district_code: string };
let community: { id: string; name: string; path: string };
let serviceCode: string;
let point: { lat: number; lng: number };
const created: string[] = [];

const get = (url: string) => t.app.inject({ method: 'GET', url });
const postForm = (url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });
const postJson = (url: string, body: unknown) =>
  t.app.inject({ method: 'POST', url, payload: body as object });

function expectError(res: Awaited<ReturnType<typeof get>>, status: number, format: 'json' | 'xml'): void {
  expect(res.statusCode).toBe(status);
  if (format === 'json') {
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    valid('errors', res.json());
    expect((res.json() as { code: number }[])[0]?.code).toBe(status);
  } else {
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xmlNames(res.body).slice(0, 4)).toEqual(['errors', 'error', 'code', 'description']);
    expect(res.body).toContain(`<code>${status}</code>`);
  }
}

beforeAll(async () => {
  t = await createTestApp({ MINQING_OPEN311_RATE_LIMIT_PER_MINUTE: '6' });
  ajv.addSchema(postAnswerSchema, 'post-answer');
  ajv.addSchema(tokenSchema, 'tokens');
  ajv.addSchema(errorsSchema, 'errors');
  ajv.addSchema(updatesSchema, 'updates');
  demo = await seedSmallDemo(t, 20);
  const db = t.database.db;
  const worker = await db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', onSameDistrict('u.id', 'g.user_id'))
    .innerJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
    .select(['r.id', 'r.name', 'r.path'])
    .where('u.username', '=', 'worker1')
    .executeTakeFirstOrThrow();
  community = worker;
  grid = await firstGridBelow(t, worker.path);
  districtCode = grid.district_code;
  ({ point, serviceCode } = await open311Target(t, grid));
  admin = await demo.signIn('sysadmin');
  const issued = await demo.send('POST', '/api/v1/admin/open311-clients', { name: '市民通 App' }, admin);
  expect(issued.status).toBe(201);
  ({ apiKey, id: clientId } = issued.json() as { apiKey: string; id: string });
});
afterAll(async () => t.close());

describe('Open311 clients (administrators)', () => {
  it('issues a key shown once, lists clients without keys, audits it; others are refused', async () => {
    expect(apiKey).toMatch(new RegExp(`^${districtCode}\\.[A-Za-z0-9_-]{43}$`));
    const list = await demo.send('GET', '/api/v1/admin/open311-clients', undefined, admin);
    expect(list.status).toBe(200);
    const items = (list.json() as { items: Record<string, unknown>[] }).items;
    expect(items.map((c) => c.name)).toContain('市民通 App');
    expect(list.text()).not.toContain(apiKey.split('.')[1]);
    const row = await t.database.db
      .selectFrom('open311_client')
      .select('key_hash')
      .where('id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.key_hash).toString('utf8')).not.toContain(apiKey);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', clientId)
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['open311_client.issued']);
    const leader = await demo.signIn('leader');
    expect((await demo.send('POST', '/api/v1/admin/open311-clients', { name: 'x' }, leader)).status).toBe(
      403,
    );
  });
});

describe('discovery and services', () => {
  it('serves discovery in both formats', async () => {
    const json = await get('/open311/discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['access-control-allow-origin']).toBe('*');
    const doc = json.json() as { changeset: string; endpoints: { url: string; formats: string[] }[] };
    expect(doc).toMatchObject({ contact: expect.any(String), key_service: expect.any(String) });
    expect(doc.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(doc.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    expect(doc.endpoints[0]?.url).toMatch(/\/open311\/v2$/);
    const xml = await get('/open311/discovery.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xmlNames(xml.body).slice(0, 5)).toEqual([
      'discovery',
      'changeset',
      'contact',
      'key_service',
      'endpoints',
    ]);
    expect(xml.body).toContain(
      '<formats><format>text/xml</format><format>application/json</format></formats>',
    );
  });

  it('lists the category tree as services, with or without jurisdiction_id; an unknown one is 404', async () => {
    const res = await get('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    valid('services.json', res.json());
    const services = res.json() as { service_code: string; metadata: boolean; group: string }[];
    expect(services.length).toBeGreaterThan(5);
    expect(services.find((s) => s.service_code === serviceCode)).toMatchObject({
      metadata: true,
      type: 'realtime',
    });
    const same = await get(`/open311/v2/services.json?jurisdiction_id=${districtCode}`);
    expect(same.json()).toEqual(services);
    expect((await get('/open311/v2/services.json?jurisdiction_id=')).json()).toEqual(services);
    const xml = await get('/open311/v2/services.xml');
    expect(xmlNames(xml.body).slice(0, 3)).toEqual(['services', 'service', 'service_code']);
    expectError(await get('/open311/v2/services.json?jurisdiction_id=999999'), 404, 'json');
    expectError(await get('/open311/v2/services.xml?jurisdiction_id=999999'), 404, 'xml');
  });

  it('answers a service definition: the case kind as a single-value list', async () => {
    const res = await get(`/open311/v2/services/${serviceCode}.json`);
    expect(res.statusCode).toBe(200);
    valid('service-definition.json', res.json());
    const definition = res.json() as { attributes: { code: string; values: { key: string }[] }[] };
    expect(definition.attributes[0]?.code).toBe('kind');
    expect(definition.attributes[0]?.values.map((v) => v.key)).toContain('help');
    const xml = await get(`/open311/v2/services/${serviceCode}.xml`);
    expect(xmlNames(xml.body).slice(0, 4)).toEqual([
      'service_definition',
      'service_code',
      'attributes',
      'attribute',
    ]);
    expectError(await get('/open311/v2/services/no_such_service.json'), 404, 'json');
  });
});

describe('service requests', () => {
  it('refuses a POST without a key, with an unknown key, and answers errors in both formats', async () => {
    const body = { service_code: serviceCode, address_string: '东门', description: '路灯不亮' };
    expectError(await postForm('/open311/v2/requests.json', body), 403, 'json');
    expectError(await postForm('/open311/v2/requests.xml', body), 403, 'xml');
    expectError(
      await postForm('/open311/v2/requests.json', { ...body, api_key: `${districtCode}.${'A'.repeat(43)}` }),
      403,
      'json',
    );
    expectError(await postForm('/open311/v2/requests.json', { ...body, api_key: 'nonsense' }), 403, 'json');
    // With a key, still refused in the spec's terms: no location 400, an unknown service 404.
    expectError(
      await postForm('/open311/v2/requests.json', { api_key: apiKey, service_code: serviceCode }),
      400,
      'json',
    );
    expectError(
      await postForm('/open311/v2/requests.xml', {
        api_key: apiKey,
        service_code: 'nothing',
        lat: '30',
        long: '120',
      }),
      404,
      'xml',
    );
    // The product's own failures (a body that is not JSON) leave in Open311's format too.
    const broken = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: '{"api_key":',
      headers: { 'content-type': 'application/json' },
    });
    expectError(broken, 400, 'json');
    expectError(await get('/open311/v2/nothing.json'), 400, 'json');
  });

  it('takes a form POST with a point and a phone: a case in the grid, channel api, a status link', async () => {
    const res = await postForm('/open311/v2/requests.json', {
      api_key: apiKey,
      jurisdiction_id: districtCode,
      service_code: serviceCode,
      lat: String(point.lat),
      long: String(point.lng),
      description: '小区东门路灯坏了三天，晚上很黑。',
      first_name: '先生',
      last_name: '李',
      phone: '13912345678',
      'attribute[kind]': 'complaint',
      media_url: 'https://example.org/photo.jpg',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    valid('post-answer', res.json());
    const [answer] = res.json() as { service_request_id: string; service_notice: string }[];
    expect(answer?.service_notice).toMatch(/\/s\/\S+$/);
    const id = answer?.service_request_id as string;
    created.push(id);
    const kase = await t.database.db
      .selectFrom('case_record')
      .selectAll()
      .where('number', '=', id)
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({
      channel: 'api',
      kind: 'complaint',
      region_id: grid.id,
      reporter_name: '李先生',
    });
    expect(kase.reporter_phone_enc).not.toBeNull();
    const event = await t.database.db
      .selectFrom('case_event')
      .select(['actor_name', 'action'])
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_name: '市民通 App', action: 'submit' });
    const texts = await t.database.db
      .selectFrom('outbox_message')
      .select('channel')
      .where('case_id', '=', kase.id)
      .execute();
    expect(texts.map((m) => m.channel)).toContain('sms');
  });

  it('takes a JSON POST with an address and an XML one, and reads requests back by id', async () => {
    const json = await postJson('/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: serviceCode,
      address_string: `${community.name}3号楼`,
      description: '楼道堆放杂物',
    });
    expect(json.statusCode).toBe(200);
    const [answer] = json.json() as { service_request_id: string; service_notice: unknown }[];
    expect(answer?.service_notice).toBeNull();
    created.push(answer?.service_request_id as string);
    const kase = await t.database.db
      .selectFrom('case_record')
      .select(['region_id', 'kind'])
      .where('number', '=', answer?.service_request_id as string)
      .executeTakeFirstOrThrow();
    expect(kase).toEqual({ region_id: community.id, kind: 'help' });
    const xml = await postForm('/open311/v2/requests.xml', {
      api_key: apiKey,
      service_code: serviceCode,
      address_id: 'A-1',
      description: 'Dogs & <cats>',
    });
    expect(xml.statusCode).toBe(200);
    expect(xmlNames(xml.body).slice(0, 3)).toEqual(['service_requests', 'request', 'service_request_id']);
    const xmlId = /<service_request_id>([^<]+)<\/service_request_id>/.exec(xml.body)?.[1] as string;
    created.push(xmlId);

    const one = await get(`/open311/v2/requests/${created[0]}.json`);
    expect(one.statusCode).toBe(200);
    valid('requests.json', one.json());
    expect(one.json()).toMatchObject([
      {
        service_request_id: created[0],
        status: 'open',
        service_code: serviceCode,
        lat: point.lat,
        long: point.lng,
      },
    ]);
    expect(one.body).not.toContain('13912345678');
    expect(one.body).not.toContain('李先生');
    const oneXml = await get(`/open311/v2/requests/${xmlId}.xml`);
    expect(xmlNames(oneXml.body).slice(0, 3)).toEqual(['service_requests', 'request', 'service_request_id']);
    expect(oneXml.body).toContain('<description>Dogs &amp; &lt;cats&gt;</description>');
    expect(oneXml.body).toContain('<address_id>A-1</address_id>');
    expectError(await get(`/open311/v2/requests/${districtCode}-2000-000001.json`), 404, 'json');
    expectError(await get(`/open311/v2/requests/${districtCode}-2000-000001.xml`), 404, 'xml');

    const token = await get(`/open311/v2/tokens/${created[0]}.json`);
    valid('tokens', token.json());
    expect(token.json()).toEqual([{ service_request_id: created[0], token: created[0] }]);
    expectError(await get('/open311/v2/tokens/abc.json'), 404, 'json');
  });

  it('filters requests by ids, service, status and dates, and maps case states to open/closed', async () => {
    const dispatcher = await demo.signIn('dispatcher');
    const caseOf = (number: string) =>
      t.database.db
        .selectFrom('case_record')
        .select(['id', 'version'])
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
    const rejected = await caseOf(created[1] as string);
    const reject = await demo.send(
      'POST',
      `/api/v1/cases/${rejected.id}/reject`,
      { reason: '不属于本辖区受理范围', rejectKind: 'out_of_scope' },
      dispatcher,
      { 'if-match': `"${rejected.version}"` },
    );
    expect(reject.status).toBe(200);

    // A case staff record by hand with channel api is not a client's: Open311 never shows it.
    const worker = await demo.signIn('worker1');
    const byHand = await demo.send(
      'POST',
      '/api/v1/cases',
      {
        channel: 'api',
        kind: 'help',
        title: '手工登记',
        description: '工作人员手工登记的系统对接事项',
        regionId: grid.id,
        reporter: { type: 'anonymous' },
      },
      worker,
    );
    expect(byHand.status).toBe(201);
    const all = await get('/open311/v2/requests.json');
    valid('requests.json', all.json());
    const listed = all.json() as { service_request_id: string; status: string }[];
    expect(listed.map((r) => r.service_request_id).sort()).toEqual([...created].sort());
    expect(all.body).not.toContain('手工登记');
    expect(listed.find((r) => r.service_request_id === created[1])?.status).toBe('closed');
    const closed = (await get('/open311/v2/requests.json?status=closed')).json() as {
      service_request_id: string;
    }[];
    expect(closed.map((r) => r.service_request_id)).toEqual([created[1]]);
    const open = (await get('/open311/v2/requests.json?status=open')).json() as unknown[];
    expect(open).toHaveLength(2);
    // service_request_id overrides every other filter.
    const byIds = await get(
      `/open311/v2/requests.json?service_request_id=${created[0]},${created[1]}&status=closed`,
    );
    expect((byIds.json() as unknown[]).length).toBe(2);
    expect(
      (await get(`/open311/v2/requests.json?service_code=${serviceCode}&page_size=1`)).json(),
    ).toHaveLength(1);
    expect((await get('/open311/v2/requests.json?service_code=nothing')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z')).json()).toEqual([]);
    const xml = await get('/open311/v2/requests.xml?status=closed');
    expect(xmlNames(xml.body).slice(0, 2)).toEqual(['service_requests', 'request']);
    expectError(
      await get('/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z'),
      400,
      'json',
    );
    expectError(await get('/open311/v2/requests.xml?start_date=yesterday'), 400, 'xml');
    expectError(await get('/open311/v2/requests.json?status=pending'), 400, 'json');

    const updates = await get('/open311/v2/servicerequestupdates.json');
    expect(updates.statusCode).toBe(200);
    valid('updates', updates.json());
    const notes = updates.json() as { service_request_id: string; status: string; description: string }[];
    expect(notes.filter((u) => u.service_request_id === created[1]).map((u) => u.status)).toEqual([
      'open',
      'closed',
    ]);
    expect(updates.body).not.toMatch(/调度|dispatcher|不属于本辖区/);
    const updatesXml = await get('/open311/v2/servicerequestupdates.xml');
    expect(xmlNames(updatesXml.body).slice(0, 3)).toEqual([
      'service_request_updates',
      'request_update',
      'update_id',
    ]);
  });

  it("counts an address's reads of every Open311 method against one allowance", async () => {
    const limit = Math.floor(t.app.ctx.config.rateLimitPerMinute / 5);
    const urls = ['/open311/v2/services.json', '/open311/v2/requests.json', '/open311/discovery.json'];
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: urls[i % 3] as string,
        remoteAddress: '192.0.2.50',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, limit)).not.toContain(429);
    expect(statuses.at(-1)).toBe(429);
  });

  it('answers 400, never 500, for a NUL byte the database would refuse, reading or writing', async () => {
    const issued = await demo.send('POST', '/api/v1/admin/open311-clients', { name: '测试客户端' }, admin);
    expect(issued.status).toBe(201);
    const key = (issued.json() as { apiKey: string }).apiKey;
    expectError(await get('/open311/v2/services.json?jurisdiction_id=%00'), 400, 'json');
    expectError(await get('/open311/v2/services/%00.xml'), 400, 'xml');
    expectError(await get('/open311/v2/requests.json?service_code=%00'), 400, 'json');
    const body = { api_key: key, address_string: '东门', description: '路灯不亮' };
    expectError(
      await postForm('/open311/v2/requests.json', { ...body, service_code: 'x\u0000' }),
      400,
      'json',
    );
    expectError(
      await postForm('/open311/v2/requests.json', {
        ...body,
        service_code: serviceCode,
        jurisdiction_id: `${districtCode}\u0000`,
      }),
      400,
      'json',
    );
  });

  it('limits POSTs per key and refuses a revoked key', async () => {
    const second = await demo.send('POST', '/api/v1/admin/open311-clients', { name: '压测客户端' }, admin);
    const { apiKey: key, id } = second.json() as { apiKey: string; id: string };
    const body = { api_key: key, service_code: serviceCode, address_string: '某处', description: '测试限流' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await postForm('/open311/v2/requests.json', body)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expectError(await postForm('/open311/v2/requests.json', body), 429, 'json');

    const revoked = await demo.send('POST', `/api/v1/admin/open311-clients/${id}/revoke`, {}, admin);
    expect(revoked.status).toBe(200);
    expect((revoked.json() as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expectError(await postForm('/open311/v2/requests.json', body), 403, 'json');
    expectError(await postForm('/open311/v2/requests.xml', body), 403, 'xml');
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', id)
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['open311_client.issued', 'open311_client.revoked']);
  });
});
