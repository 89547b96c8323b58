import Fastify, { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../src/server/http/problem.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import { ROLE_PERMISSIONS, type Role } from '../../src/shared/auth/roles.ts';
import { ERROR_CODES } from '../../src/shared/errors/codes.ts';
import { mulberry32 } from '../../src/shared/visits/sampling.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, seedSmallDemo } from '../support/demo.ts';
import { RECIPES } from './matrix/all.ts';
import { setThrowawayUser } from './matrix/core.recipes.ts';
import { matrixFixture } from './matrix/fixture.ts';
import type { Fixture, RecipeContext } from './matrix/recipe.ts';

/**
 * Hostile input on every route of the OpenAPI document (docs/specs/trust.md §18, §20; issue 10): for each
 * operation a plausible request is built from its own schema, then one field, query parameter or
 * path parameter at a time is replaced by a hostile value (NUL, lone surrogates, bidi and
 * zero-width characters, wrong types, huge and empty values, prototype keys, deep nesting, extreme
 * numbers and dates, crafted cursors), signed in as a role that may call the route and
 * anonymously. Nothing may answer 5xx, leak a stack trace or SQL, or answer a 4xx that is not
 * problem+json with a known code. The walk is deterministic (fixed seed) and bounded.
 */
const SEED = 0x6d71_2026;
const PER_FIELD = 6;
const MAX_BODY_REQUESTS = 36;
const MAX_QUERY_REQUESTS = 24;
const ANONYMOUS_PER_ROUTE = 6;

const rand = mulberry32(SEED);
const pick = <T>(values: readonly T[], n: number): T[] => {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const UUID = '0190a5e2-7c3b-7d41-8e2f-3a4b5c6d7e8f';

/** Strings that broke or might break something between the schema and the database. */
const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eexe.jpg',
  'zero\u200bwidth\u200d',
  '\ufeffbom',
  '👩‍👩‍👧‍👦🇨🇳',
  '𠀀𪚥',
  'é'.repeat(40),
  '\u001b[31mred',
  '\t\r\n',
  '',
  ' ',
  'x'.repeat(70_000),
  "' OR '1'='1",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '%s%n',
];
const NASTY_DATES = [
  '0000-01-01',
  '9999-12-31',
  '1800-01-01',
  '2024-02-30',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1800-06-01T08:00:00+08:00',
  '+275760-09-13T00:00:00Z',
];
const NASTY_CURSORS = [
  'WyJ4IiwieSJd',
  b64(['9999-12-31T00:00:00.000Z', UUID]),
  b64(['0000-01-01T00:00:00.000Z', UUID]),
  b64(['\u0000', UUID]),
  b64([1, 2]),
  b64(['2025-01-01T00:00:00.000Z', 'not-a-uuid']),
  b64(['1|x', UUID]),
  b64({ __proto__: 1 }),
  '!!!',
];
/** Cursors no list may accept: an id that is no uuid, keys of the wrong type, no JSON at all. */
const BAD_CURSORS = [
  'WyJ4IiwieSJd',
  b64(['\u0000', UUID]),
  b64([1, 2]),
  b64(['2025-01-01T00:00:00.000Z', 'not-a-uuid']),
  b64({ __proto__: 1 }),
  '!!!',
];
const deep = (levels: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { a: [v] };
  return v;
};
/** JSON.parse makes `__proto__` an own key, as a hostile client's JSON would. */
const PROTO = JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}');
const NASTY_VALUES: unknown[] = [
  null,
  true,
  0,
  -0,
  -1,
  1e308,
  -1e308,
  2 ** 63,
  -(2 ** 63),
  Number.MAX_SAFE_INTEGER + 2,
  0.1,
  'NaN',
  'Infinity',
  '1e999',
  [],
  ['\u0000'],
  {},
  PROTO,
  deep(200),
  Array.from({ length: 2000 }, (_, i) => i),
];

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
}
interface Operation {
  parameters?: { in: 'query' | 'path' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface Request {
  method: string;
  url: string;
  payload?: unknown;
  headers: Record<string, string>;
  as: string;
}

/** Real ids by field or parameter name, so a request gets past "no such thing" to its checks. */
let ids: Record<string, string> = {};
const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const alternatives = (s: JsonSchema) => s.anyOf ?? s.oneOf ?? s.allOf;

/** A plausible value for a schema: what a correct client would send, as far as a schema says. */
function sample(schema: JsonSchema, name: string, depth = 0): unknown {
  const alts = alternatives(schema);
  if (alts) return sample(alts.find((a) => typeOf(a) !== 'null') ?? (alts[0] as JsonSchema), name, depth);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (typeOf(schema)) {
    case 'string': {
      if (schema.format === 'uuid') return ids[name] ?? UUID;
      if (schema.format === 'date') return '2025-06-02';
      if (schema.format === 'date-time') return new Date(Date.now() - 3_600_000).toISOString();
      if (/phone/i.test(name)) return '13800138000';
      if (schema.pattern === '^\\d{6}$') return '123456';
      if (schema.pattern?.includes('[01]\\d|2[0-3]')) return '08:30';
      if (schema.pattern) return `fz${Math.floor(rand() * 1e6)}`;
      const min = schema.minLength ?? 1;
      return '测试'.repeat(Math.ceil(Math.max(min, 2) / 2)).slice(0, Math.max(min, 2, 1));
    }
    case 'integer':
    case 'number':
      return schema.minimum !== undefined ? Math.max(schema.minimum, Math.min(1, schema.maximum ?? 1)) : 1;
    case 'boolean':
      return false;
    case 'array':
      return depth > 4 || !schema.items
        ? []
        : Array.from({ length: schema.minItems ?? 0 }, () =>
            sample(schema.items as JsonSchema, name, depth + 1),
          );
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? [])
        out[key] = sample(schema.properties?.[key] ?? {}, key, depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

/** Leaves of a body schema (required and optional), as paths, with their schemas. */
function leaves(
  schema: JsonSchema,
  path: string[] = [],
  depth = 0,
): { path: string[]; schema: JsonSchema }[] {
  const alts = alternatives(schema);
  const s = alts ? (alts.find((a) => typeOf(a) === 'object') ?? schema) : schema;
  if (typeOf(s) !== 'object' || !s.properties || depth > 3) return path.length ? [{ path, schema }] : [];
  return Object.entries(s.properties).flatMap(([key, child]) => {
    const own = [{ path: [...path, key], schema: child }];
    const childAlts = alternatives(child);
    const nested =
      typeOf(child) === 'object' || childAlts?.some((a) => typeOf(a) === 'object')
        ? leaves(child, [...path, key], depth + 1)
        : [];
    return nested.length ? [...own, ...nested] : own;
  });
}

function setAt(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  Object.defineProperty(node, path.at(-1) as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Hostile values fitting what a field is (text, date, number, cursor), and some that do not. */
function hostileFor(schema: JsonSchema, name: string): unknown[] {
  const type = typeOf(schema) ?? typeOf(alternatives(schema)?.[0] ?? {});
  const always: unknown[] = [];
  let pool: unknown[];
  if (name === 'after') {
    always.push('WyJ4IiwieSJd');
    pool = [...NASTY_CURSORS, ...NASTY_STRINGS];
  } else if (
    schema.format === 'date' ||
    schema.format === 'date-time' ||
    /date|At$|On$|^from$|^to$|^at$/i.test(name)
  ) {
    always.push('0000-01-01', '9999-12-31T23:59:59Z');
    pool = [...NASTY_DATES, ...NASTY_STRINGS.slice(0, 6)];
  } else if (type === 'string') {
    always.push('a\u0000b', '\ud800');
    pool = [...NASTY_STRINGS, ...NASTY_VALUES];
  } else if (type === 'number' || type === 'integer') {
    pool = [...NASTY_VALUES, 'NaN', '1e308', '-0'];
  } else {
    pool = [...NASTY_VALUES, ...NASTY_STRINGS];
  }
  return [...always, ...pick(pool, PER_FIELD)];
}

/** A query string value as a browser would encode it; lone surrogates go as the bytes a broken client sends. */
function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return text
      .split('')
      .map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c)))
      .join('');
  }
}
const queryString = (query: Record<string, unknown>) =>
  Object.entries(query)
    .flatMap(([k, v]) =>
      Array.isArray(v) && v.length < 5 ? v.map((x) => `${k}=${encode(x)}`) : [`${k}=${encode(v)}`],
    )
    .join('&');

let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>> };
const cookies = new Map<string, string>();
let signInAs: (username: string) => Promise<string>;
/** Who calls a route of each access: the first listed account whose role has the permission. */
const ACCOUNTS = [
  'leader',
  'dispatcher',
  'worker1',
  'worker2',
  'sysadmin',
  'secadmin',
  'auditor',
  'liaison',
  'handler',
  'supervisor',
];
const roleOf = new Map<string, Role>();
let fixture: Fixture;
let recipeContext: RecipeContext;
/** A session half way through signing in (password given, second factor not), for the sign-in steps. */
let pendingCookie: string | undefined;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000000' });
  const demo = await seedSmallDemo(t, 40);
  signInAs = demo.signIn;
  const grants = await demoGrants(t);
  for (const g of grants) roleOf.set(g.username, g.role as Role);
  fixture = await matrixFixture(t, grants.find((g) => g.username === 'worker1')?.path as string);
  for (const username of ACCOUNTS) cookies.set(username, await signInAs(username));
  const throwaway = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: {
      username: 'fuzz.target',
      displayName: '模糊测试',
      grants: [{ role: 'cadre', scopeRegionId: null }],
    },
    headers: { cookie: cookies.get('secadmin') as string },
  });
  setThrowawayUser((throwaway.json() as { user: { id: string } }).user.id);
  const users = await t.database.db.selectFrom('app_user').select(['username', 'id']).execute();
  let counter = 0;
  recipeContext = {
    t,
    unique: () => counter++,
    userId: (username) => users.find((u) => u.username === username)?.id as string,
  };
  ids = {
    regionId: fixture.grid.id,
    gridId: fixture.grid.id,
    householdId: fixture.household,
    enterpriseId: fixture.enterprise,
  };
  const pending = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'handler2', password: DEMO_PASSWORD },
  });
  const raw = pending.headers['set-cookie'];
  pendingCookie = (Array.isArray(raw) ? raw[0] : raw)?.split(';')[0];
  doc = t.app.swagger() as typeof doc;
});
afterAll(async () => t?.close());

function accountFor(access: string, allowed?: readonly string[]): string | undefined {
  if (access === 'public' || access === 'signing-in') return undefined;
  return ACCOUNTS.filter((u) => !allowed || allowed.includes(u)).find((u) => {
    const role = roleOf.get(u);
    return (
      role !== undefined &&
      (access === 'authenticated' || (ROLE_PERMISSIONS[role] as readonly string[]).includes(access))
    );
  });
}

interface Baseline {
  /** Path segments of the real URL (recipe or template filled with known ids). */
  segments: string[];
  query: Record<string, unknown>;
  body: unknown;
  headers: Record<string, string>;
  /** Who the workflow lets make it, when the permission alone does not say. */
  allowedFor?: readonly string[] | undefined;
}

/** A plausible request: the scope matrix's recipe where there is one, else one built from the schema. */
async function baselineFor(path: string, method: string, op: Operation): Promise<Baseline> {
  const recipe = RECIPES[`${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`];
  if (recipe) {
    const r = await recipe(fixture, recipeContext);
    const url = new URL(r.url, 'http://x');
    return {
      segments: url.pathname.split('/'),
      query: Object.fromEntries(url.searchParams),
      body: r.body,
      headers: r.headers ?? {},
      allowedFor: r.allowedFor,
    };
  }
  const params = op.parameters ?? [];
  const schema = op.requestBody?.content['application/json']?.schema;
  return {
    segments: path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? UUID).split('/'),
    query: Object.fromEntries(
      params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, sample(p.schema, p.name)]),
    ),
    body: schema ? sample(schema, '') : undefined,
    headers: {},
  };
}

/** The requests for one operation: the plausible one, then one hostile part at a time. */
function requestsFor(path: string, method: string, op: Operation, base: Baseline, as: string): Request[] {
  const params = op.parameters ?? [];
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const template = path.split('/');
  const make = (segments: string[], query: Record<string, unknown>, payload: unknown): Request => {
    const qs = queryString(query);
    return {
      method,
      url: qs ? `${segments.join('/')}?${qs}` : segments.join('/'),
      ...(payload !== undefined || (method !== 'GET' && method !== 'DELETE')
        ? { payload: payload ?? {} }
        : {}),
      headers: base.headers,
      as,
    };
  };
  const out: Request[] = [{ ...make(base.segments, base.query, base.body), as: `${as} (plausible)` }];
  template.forEach((segment, i) => {
    if (!segment.startsWith('{')) return;
    const hostile = [
      ...pick(
        NASTY_STRINGS.filter((v) => v.length < 1000),
        4,
      ),
      'a\u0000b',
      '00000000-0000-0000-0000-000000000000',
      (base.segments[i] ?? UUID).toUpperCase(),
    ];
    for (const v of hostile)
      out.push(
        make(
          base.segments.map((s, j) => (j === i ? encode(v) : s)),
          base.query,
          base.body,
        ),
      );
  });
  const queries: Request[] = [];
  for (const p of queryParams) {
    for (const v of hostileFor(p.schema, p.name))
      queries.push(make(base.segments, { ...base.query, [p.name]: v }, base.body));
    queries.push(make(base.segments, { ...base.query, [p.name]: ['a', '\u0000'] }, base.body));
  }
  if (queryParams.length || method === 'GET')
    queries.push(make(base.segments, { ...base.query, 'x\u0000': '1', __proto__x: 1 }, base.body));
  out.push(...pick(queries, MAX_QUERY_REQUESTS));
  if (bodySchema) {
    const start = base.body ?? sample(bodySchema, '');
    const bodies: unknown[] = [];
    for (const leaf of leaves(bodySchema)) {
      for (const v of hostileFor(leaf.schema, leaf.path.at(-1) as string))
        bodies.push(setAt(start, leaf.path, v));
    }
    bodies.push(
      PROTO,
      { ...(start as object), ...PROTO },
      deep(500),
      [start],
      { ...(start as object), unknownField: '\u0000' },
      'x'.repeat(200_000),
    );
    out.push(...pick(bodies, MAX_BODY_REQUESTS).map((b) => make(base.segments, base.query, b)));
  }
  return out;
}

const STACK = /\bat [\w.<>$]+ \(|node:internal|node_modules|\.ts:\d+:\d+/;
const SQL =
  /\b(select\s.+\sfrom|insert\s+into|update\s.+\sset|delete\s+from)\b|SQLSTATE|syntax error at or near|invalid input syntax|violates .* constraint|duplicate key value|relation "/i;

function check(req: Request, res: LightMyRequestResponse, problems: string[]): void {
  const where = `${req.method} ${req.url.slice(0, 160)} as ${req.as} → ${res.statusCode}`;
  if (res.statusCode >= 500) problems.push(`${where}: ${res.body.slice(0, 300)}`);
  const text = res.headers['content-type']?.toString().startsWith('application/') ? res.body : '';
  if (STACK.test(text)) problems.push(`${where}: stack trace in ${text.slice(0, 300)}`);
  if (res.statusCode >= 400 && SQL.test(text)) problems.push(`${where}: SQL in ${text.slice(0, 300)}`);
  if (res.statusCode >= 400 && res.statusCode < 500) {
    if (!String(res.headers['content-type']).startsWith('application/problem+json'))
      problems.push(`${where}: not problem+json (${res.headers['content-type']})`);
    else {
      const code = (res.json() as { code?: string }).code;
      if (!code || !Object.hasOwn(ERROR_CODES, code)) problems.push(`${where}: unknown code ${code}`);
    }
  }
}

describe('hostile input on every route of the OpenAPI document', () => {
  it('never answers 5xx, a stack trace or SQL; every 4xx is problem+json with a known code', async () => {
    const access = new Map(t.app.routeTable.map((r) => [`${r.method} ${r.url}`, String(r.access)]));
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    expect(operations.length).toBeGreaterThan(100);
    const problems: string[] = [];
    let sent = 0;
    const resigned = new Set<string>();
    const send = async (req: Request, cookie?: string) => {
      const res = await t.app.inject({
        method: req.method as 'GET',
        url: req.url,
        ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
        headers: { ...req.headers, ...(cookie ? { cookie } : {}) },
        // Anonymous requests come from another address, so their failed sign-ins throttle only it.
        remoteAddress: cookie ? '127.0.0.1' : '203.0.113.7',
      });
      sent++;
      check(req, res, problems);
      return res;
    };
    for (const { path, method, op } of operations) {
      const route = `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      const routeAccess = access.get(route) ?? 'public';
      const base = await baselineFor(path, method, op);
      // Signing out would end the session the rest of the walk uses: that route is walked anonymously.
      const username = path === '/api/v1/auth/logout' ? undefined : accountFor(routeAccess, base.allowedFor);
      const cookieOf = () =>
        username ? cookies.get(username) : routeAccess === 'signing-in' ? pendingCookie : undefined;
      const requests = requestsFor(
        path,
        method,
        op,
        base,
        username ?? (cookieOf() ? 'signing-in' : 'anonymous'),
      );
      for (const req of requests) {
        const res = await send(req, cookieOf());
        if (username && res.statusCode === 401 && !resigned.has(username)) {
          // Something in the walk ended this account's session: sign in again once, then go on.
          resigned.add(username);
          cookies.set(username, await signInAs(username));
        }
      }
      if (cookieOf()) {
        for (const req of pick(requests, ANONYMOUS_PER_ROUTE)) await send({ ...req, as: 'anonymous' });
      }
    }
    console.log(`fuzz: sent ${sent} hostile requests to ${operations.length} operations`);
    expect(problems.slice(0, 60)).toEqual([]);
  });
});

/** The 500s of the review (issue 10, item 6), each now a 422 with a stable code. */
describe('the hostile inputs the review found', () => {
  const expect422 = (res: LightMyRequestResponse, what: string) => {
    expect(res.statusCode, `${what}: ${res.body.slice(0, 200)}`).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as { code: string }).code).toBe('VALIDATION_FAILED');
  };
  const get = (url: string, username = 'leader') =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(username) as string } });

  it('refuses a crafted cursor on every keyset list', async () => {
    const lists = [
      ['/api/v1/cases', 'leader'],
      ['/api/v1/households', 'leader'],
      ['/api/v1/enterprises', 'leader'],
      ['/api/v1/visits', 'leader'],
      ['/api/v1/ledger/enterprises', 'leader'],
      [`/api/v1/coverage/unvisited?regionId=${fixture.community.id}&target=household`, 'leader'],
    ] as const;
    for (const [url, username] of lists) {
      for (const cursor of BAD_CURSORS) {
        const res = await get(
          `${url}${url.includes('?') ? '&' : '?'}after=${encodeURIComponent(cursor)}`,
          username,
        );
        expect422(res, `${url} after=${cursor}`);
      }
    }
  });

  it('refuses NUL anonymously: the sign-in name and every field of the public report', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'a\u0000b', password: 'x' },
      remoteAddress: '203.0.113.8',
    });
    expect422(login, 'login');
    const report = {
      regionId: fixture.grid.id,
      kind: 'help',
      title: '路灯坏了',
      description: '小区门口的路灯坏了',
      address: '某路 1 号',
      name: '张三',
      phone: '13800138000',
    };
    for (const field of ['title', 'description', 'address', 'name', 'phone'] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/reports',
        payload: { ...report, [field]: `${report[field]}\u0000` },
        remoteAddress: '203.0.113.8',
      });
      expect422(res, `public report ${field}`);
    }
  });

  it('refuses NUL in query strings and lone surrogates in names and titles', async () => {
    expect422(await get('/api/v1/households?q=a%00b'), 'households q');
    expect422(await get('/api/v1/cases?q=%00'), 'cases q');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        channel: 'walk_in',
        kind: 'help',
        title: 'x\ud800',
        description: '描述',
        regionId: fixture.grid.id,
        reporter: { type: 'anonymous' },
      },
      headers: { cookie: cookies.get('worker1') as string },
    });
    expect422(res, 'case title');
    const region = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/regions/${fixture.grid.id}`,
      payload: { name: '\udc00网格' },
      headers: { cookie: cookies.get('sysadmin') as string },
    });
    expect422(region, 'region name');
  });

  it('refuses dates in year 0000, 9999 and a visit in 1800', async () => {
    for (const day of ['0000-01-01', '9999-12-31']) {
      expect422(
        await get(`/api/v1/coverage?regionId=${fixture.community.id}&at=${day}`),
        `coverage at ${day}`,
      );
      expect422(await get(`/api/v1/cases?createdFrom=${day}`), `cases createdFrom ${day}`);
      expect422(await get(`/api/v1/visits?from=${day}`), `visits from ${day}`);
    }
    for (const startedAt of ['0000-01-01T08:00:00Z', '9999-12-31T08:00:00Z', '1800-01-01T08:00:00+08:00']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/visits',
        payload: {
          form: 'routine',
          target: { type: 'household', householdId: fixture.household },
          startedAt,
          endedAt: new Date().toISOString(),
          notes: '走访',
        },
        headers: { cookie: cookies.get('worker1') as string },
      });
      expect422(res, `visit startedAt ${startedAt}`);
    }
  });

  it('answers a value the database refuses (SQLSTATE class 22) with 422, not 500', async () => {
    const app = Fastify();
    installErrorHandling(app);
    app.get('/nul', async () => {
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    });
    const res = await app.inject({ method: 'GET', url: '/nul' });
    expect422(res, 'SQLSTATE 22021');
    expect(res.body).not.toContain('0x00');
    await app.close();
  });

  it('answers a unique key taken meanwhile (SQLSTATE 23505) that a use case did not name with 409', async () => {
    const app = Fastify();
    installErrorHandling(app);
    app.post('/twice', async () => {
      throw Object.assign(new Error('duplicate key value violates unique constraint "x_uq"'), {
        code: '23505',
      });
    });
    const res = await app.inject({ method: 'POST', url: '/twice' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT' });
    expect(res.body).not.toContain('x_uq');
    await app.close();
  });
});
