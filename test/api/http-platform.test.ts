import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('HTTP platform', () => {
  it('answers liveness and readiness with the engine under test', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', engine: t.database.engine });
  });

  it('returns problem+json 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/client-errors',
      headers: { 'content-type': 'application/json' },
      payload: '{"message": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses unknown fields and wrong types with 422 VALIDATION_FAILED naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/client-errors',
      payload: { message: 'boom', url: '/', extra: 1 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/client-errors',
      payload: { message: 42, url: '/' },
    });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().errors[0].path).toContain('message');
  });

  it('accepts a valid crash report', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/client-errors',
      payload: { message: 'TypeError: x is undefined', url: 'http://localhost:3000/regions' },
    });
    expect(res.statusCode).toBe(204);
  });

  it('answers unknown API paths with problem+json 404 and echoes a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect(res.headers['x-request-id']).toBe(res.json().requestId);
  });

  it('keeps a well-formed incoming request id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-12345678' },
    });
    expect(res.headers['x-request-id']).toBe('abc-12345678');
  });

  it('sends a strict Content-Security-Policy with no third-party origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("lets images come from the operator's own tile server, and names it to the web shell", async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/v1/meta' });
    expect(plain.json().mapTiles).toBeNull();
    const tiled = await createTestApp({
      MINQING_MAP_TILE_URL: 'https://gis.example.gov.cn:8443/tiles/{z}/{x}/{y}.png',
      MINQING_MAP_TILE_MAX_ZOOM: '17',
      MINQING_MAP_TILE_ATTRIBUTION: '底图：示例区自然资源局',
    });
    try {
      const meta = await tiled.app.inject({ method: 'GET', url: '/api/v1/meta' });
      expect(meta.json().mapTiles).toEqual({
        url: 'https://gis.example.gov.cn:8443/tiles/{z}/{x}/{y}.png',
        maxZoom: 17,
        attribution: '底图：示例区自然资源局',
      });
      const csp = String(meta.headers['content-security-policy']);
      expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/gis\.example\.gov\.cn:8443;/);
      // Scripts, styles and connections still come from MinQing alone.
      expect(csp.replace(/img-src[^;]*;/, '')).not.toMatch(/https?:\/\//);
    } finally {
      await tiled.close();
    }
    expect(() =>
      loadConfig({ MINQING_MAP_TILE_URL: 'https://gis.example.gov.cn/tiles/{z}/{x}.png' }),
    ).toThrow(/MINQING_MAP_TILE_URL: must be an http\(s\) address holding \{z\}, \{x\} and \{y\}/);
  });

  it('publishes a valid OpenAPI 3 document generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const validation = await new Validator().validate(doc);
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    // The validator does reject a broken document, so the check above means something.
    expect((await new Validator().validate({ openapi: '3.0.3', paths: {} })).valid).toBe(false);
    expect(
      doc.paths['/api/v1/regions'].get.parameters.some((p: { name: string }) => p.name === 'parentId'),
    ).toBe(true);
    expect(doc.paths['/api/v1/client-errors'].post.requestBody).toBeDefined();
  });

  it('serves a readable API docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger-ui');
  });

  it('rate-limits per address with 429 RATE_LIMITED', async () => {
    const limited = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await limited.app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
      const last = await limited.app.inject({ method: 'GET', url: '/api/v1/meta' });
      expect(last.statusCode).toBe(429);
      expect(last.json().code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('errors raised before routing', () => {
  it('answers a malformed URL escape with problem+json 400', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('BAD_REQUEST');
  });

  it('answers a malformed query from an anonymous caller with 401, before validating it', async () => {
    // Validation naming the parameter is for callers the route lets in (small-leaks.test.ts).
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions?parentId=not-a-uuid' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('answers a protected route without a session with 401 UNAUTHENTICATED', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/regions?parentId=01890a5d-ac96-774b-bcce-b302099a8057',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});
