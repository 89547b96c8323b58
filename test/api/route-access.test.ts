import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase } from '../support/db.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** The routes anyone may call without signing in; everything else must name what it needs. */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/v1/meta',
  'POST /api/v1/client-errors',
  'POST /api/v1/auth/login',
  'GET /api/openapi.json',
  'GET /api/v1/public/regions/:id',
  'POST /api/v1/public/reports',
  // The SMS code of a district that asks public reporters to confirm their phone (issue 15 §5).
  'POST /api/v1/public/phone-codes',
  // The published examples page and a survey's public answer form (issue 14 §5, §6).
  'GET /api/v1/public/examples',
  'GET /api/v1/public/examples/:id/photos/:photoId',
  'GET /api/v1/public/surveys/:id',
  'POST /api/v1/public/surveys/:id/answers',
  // Where a QR poster's code reports to (issue 15 §1): the printed code is the key.
  'GET /api/v1/public/codes/:code',
  // A 12345 platform's push (issue 15 §4): its HMAC signature is the credential.
  'POST /api/v1/hotline/orders',
  // The resident's status page and its rating (issue 15 §2): the token is the key.
  'GET /api/v1/public/status/:token',
  'POST /api/v1/public/status/:token/rating',
  // Open311 GeoReport v2 (issue 15 §3): GETs are keyless by the standard; POST checks its api_key.
  'GET /open311/discovery.:format',
  'GET /open311/v2/services.:format',
  'GET /open311/v2/services/:code.:format',
  'POST /open311/v2/requests.:format',
  'GET /open311/v2/requests.:format',
  'GET /open311/v2/requests/:id.:format',
  'GET /open311/v2/tokens/:token.:format',
  'GET /open311/v2/servicerequestupdates.:format',
]);

describe('every route declares its access (docs/specs/trust.md §6)', () => {
  it('walks the router and finds no route without a declaration', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(10);
    const missing = t.app.routeTable.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('keeps public access to the known public routes and the API docs', () => {
    const publicRoutes = t.app.routeTable
      .filter((r) => r.access === 'public' && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !r.includes(' /api/docs'));
    expect(publicRoutes.sort()).toEqual([...PUBLIC].sort());
  });

  it('refuses a route that declares nothing, instead of exposing it', async () => {
    const database = await createTestDatabase();
    const config = loadConfig({ LOG_LEVEL: 'silent', MINQING_PII_KEY: `${'D'.repeat(43)}=` });
    const app = await buildApp(createContext(config, database));
    app.get('/api/v1/undeclared', async () => ({ secret: 'exposed' }));
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/undeclared' });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('exposed');
      expect(app.routeTable.find((r) => r.url === '/api/v1/undeclared')?.access).toBeUndefined();
    } finally {
      await app.close();
      await database.close();
    }
  });
});
