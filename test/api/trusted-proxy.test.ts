import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * Behind reverse proxies (MINQING_TRUST_PROXY), a client's address is the one the outermost
 * trusted proxy saw: counted from the right of X-Forwarded-For, since a client can put anything at
 * its left. The per-address limits and the audit's source address rest on it
 * (docs/specs/trust.md §18).
 */
let oneProxy: TestApp;
let twoProxies: TestApp;

beforeAll(async () => {
  const limits = { MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: '3' };
  oneProxy = await createTestApp({ ...limits, MINQING_TRUST_PROXY: 'true' });
  twoProxies = await createTestApp({ ...limits, MINQING_TRUST_PROXY: '2' });
});
afterAll(async () => {
  await oneProxy?.close();
  await twoProxies?.close();
});

/** Public writes from the proxy's socket with the given X-Forwarded-For headers; their statuses. */
async function phoneCodes(t: TestApp, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/phone-codes',
      payload: { phone: '13700000001', regionId: '0190a0a0-0000-7000-8000-000000000000' },
      remoteAddress: '10.0.0.1',
      headers: { 'x-forwarded-for': forwardedFor(i) },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe('the client address behind trusted proxies', () => {
  it('is not what the client writes at the left of X-Forwarded-For', async () => {
    // One proxy appends the address it saw (203.0.113.9) to what the client sent.
    const forged = await phoneCodes(oneProxy, (i) => `198.51.100.${i}, 203.0.113.9`);
    expect(forged.slice(3)).toEqual([429, 429]);
    // Different clients behind the same proxy are counted apart.
    const apart = await phoneCodes(oneProxy, (i) => `203.0.113.${20 + i}`);
    expect(apart).not.toContain(429);
  });

  it('is the one the outermost of several proxies saw', async () => {
    // A CDN saw 203.0.113.7 and the proxy next to MinQing saw the CDN (10.0.0.2).
    const behindTwo = await phoneCodes(twoProxies, (i) => `198.51.100.${i}, 203.0.113.7, 10.0.0.2`);
    expect(behindTwo.slice(3)).toEqual([429, 429]);
  });

  it('refuses a setting that is not true, false or a number of proxies', () => {
    expect(loadConfig({ MINQING_TRUST_PROXY: '3' }).trustProxy).toBe(3);
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(() => loadConfig({ MINQING_TRUST_PROXY: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ MINQING_TRUST_PROXY: '10.0.0.1' })).toThrow(ConfigError);
  });
});
