import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
/** `open`: anyone may call it, so its body is validated; other routes answer 401 first. */
let bodyRoutes: { method: string; url: string; open: boolean }[] = [];

beforeAll(async () => {
  // Every route with a body gets several bad ones from one address: lift the per-address limit
  // (its own test is elsewhere), or the routes registered last meet 429 instead of their answer.
  // Every bad body goes to every route from one address: no limit may answer before validation.
  t = await createTestApp({
    MINQING_RATE_LIMIT_PER_MINUTE: '100000',
    MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  bodyRoutes = Object.entries(doc.paths).flatMap(([url, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.requestBody !== undefined)
      .map(([method, _]) => ({
        method: method.toUpperCase(),
        url: url.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000'),
        open:
          t.app.routeTable.find(
            (r) => r.method === method.toUpperCase() && r.url === url.replace(/\{([^}]+)\}/g, ':$1'),
          )?.access === 'public',
      })),
  );
});
afterAll(async () => t.close());

/** Every route that takes a body, found from the OpenAPI document, against every kind of bad body. */
describe('bad bodies on every route that takes one', () => {
  it('finds the routes that take a body', () => {
    expect(bodyRoutes.length).toBeGreaterThan(0);
    expect(bodyRoutes.filter((r) => r.open).length).toBeGreaterThan(0);
  });

  const cases: { name: string; payload: string; contentType: string; status: number[]; code: string[] }[] = [
    {
      name: 'truncated JSON',
      payload: '{"a": 1',
      contentType: 'application/json',
      status: [400],
      code: ['MALFORMED_JSON'],
    },
    {
      name: 'not JSON at all',
      payload: 'hello',
      contentType: 'application/json',
      status: [400],
      code: ['MALFORMED_JSON'],
    },
    {
      name: 'empty body',
      payload: '',
      contentType: 'application/json',
      status: [400],
      code: ['MALFORMED_JSON'],
    },
    {
      name: 'a JSON array',
      payload: '[1,2]',
      contentType: 'application/json',
      status: [422],
      code: ['VALIDATION_FAILED'],
    },
    {
      name: 'JSON null',
      payload: 'null',
      contentType: 'application/json',
      status: [400, 422],
      code: ['MALFORMED_JSON', 'VALIDATION_FAILED'],
    },
    {
      name: 'a prototype-pollution attempt',
      payload: '{"__proto__": {"admin": true}}',
      contentType: 'application/json',
      status: [400, 422],
      code: ['BAD_REQUEST', 'MALFORMED_JSON', 'VALIDATION_FAILED'],
    },
    {
      name: 'the wrong media type',
      payload: 'a=1',
      contentType: 'text/plain',
      status: [415],
      code: ['UNSUPPORTED_MEDIA_TYPE'],
    },
  ];

  for (const c of cases) {
    it(`answers ${c.name} with problem+json ${c.status.join('/')}`, async () => {
      for (const route of bodyRoutes) {
        const res = await t.app.inject({
          method: route.method as 'POST',
          url: route.url,
          headers: { 'content-type': c.contentType },
          payload: c.payload,
        });
        // An anonymous caller learns nothing from validation: a body that parses gets 401 first.
        const status = route.open ? c.status : [...c.status.filter((x) => x !== 422), 401];
        const code = route.open
          ? c.code
          : [...c.code.filter((x) => x !== 'VALIDATION_FAILED'), 'UNAUTHENTICATED'];
        expect(status, `${route.method} ${route.url}`).toContain(res.statusCode);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(code).toContain(res.json().code);
        expect(res.body).not.toMatch(/\bat \S+\.(ts|js):\d+/);
      }
    });
  }

  it('answers a body over the size limit with 413 PAYLOAD_TOO_LARGE', async () => {
    // Imports (a grid map's GeoJSON) and public reports (photos) take larger bodies under their own
    // limits: all made small.
    const small = await createTestApp({
      MINQING_BODY_LIMIT_BYTES: '2048',
      MINQING_IMPORT_MAX_BYTES: '2048',
      MINQING_PUBLIC_REPORT_MAX_BYTES: '2048',
    });
    try {
      for (const route of bodyRoutes) {
        const res = await small.app.inject({
          method: route.method as 'POST',
          url: route.url,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ message: 'x'.repeat(5000) }),
        });
        expect(res.statusCode).toBe(413);
        expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
      }
    } finally {
      await small.close();
    }
  });
});
