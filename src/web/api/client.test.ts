import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, parseRetryAfter } from './api-error.ts';
import { createApiClient, type FetchLike, fileNameOf, householdListParams } from './client.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** A fetch that records its calls and answers with the given responses in turn. */
function fakeFetch(...responses: (Response | Error)[]): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('no more fake responses');
    if (next instanceof Error) throw next;
    return next;
  };
  return Object.assign(fn, { calls });
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

const problem = (code: string, status: number, messageKey: string) =>
  json(
    {
      type: `https://minqing.dev/errors/${code.toLowerCase()}`,
      title: 'Not found',
      status,
      code,
      messageKey,
      detail: 'No such region.',
      requestId: 'req-12345678',
    },
    status,
    'application/problem+json; charset=utf-8',
  );

const region = {
  id: '0190f5a0-0000-7000-8000-000000000001',
  parentId: null,
  level: 'district',
  code: '330106',
  name: '西湖区',
  kind: null,
  path: '330106.',
  childCount: 1,
  householdCount: 12,
  enterpriseCount: 3,
  actions: [],
};

describe('API client', () => {
  it('requests same-origin relative URLs and parses with the shared schema', async () => {
    const fetch = fakeFetch(json({ items: [region] }), json({ items: [] }));
    const client = createApiClient(fetch);
    expect(await client.listRegions()).toEqual([region]);
    expect(await client.listRegions(region.id)).toEqual([]);
    expect(fetch.calls.map((c) => c.url)).toEqual([
      '/api/v1/regions',
      `/api/v1/regions?parentId=${region.id}`,
    ]);
    expect(fetch.calls[0]?.init?.credentials).toBe('same-origin');
  });

  it('turns problem+json into an ApiError with the code and message key', async () => {
    const client = createApiClient(fakeFetch(problem('NOT_FOUND', 404, 'errors.notFound')));
    const error = await client.listRegions(region.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
      status: 404,
      requestId: 'req-12345678',
      message: 'No such region.',
    });
  });

  it('maps a non-problem error response by its status', async () => {
    const client = createApiClient(
      fakeFetch(
        new Response('<html>Bad gateway</html>', { status: 503, headers: { 'content-type': 'text/html' } }),
      ),
    );
    await expect(client.getMeta()).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      messageKey: 'errors.serviceUnavailable',
      status: 503,
    });
  });

  it('treats a problem body that does not match the schema as a status error', async () => {
    const client = createApiClient(fakeFetch(json({ oops: true }, 500, 'application/problem+json')));
    await expect(client.getMeta()).rejects.toMatchObject({ code: 'INTERNAL', messageKey: 'errors.internal' });
  });

  it('reports a response that does not match the schema as BAD_RESPONSE', async () => {
    const client = createApiClient(fakeFetch(json({ items: [{ ...region, level: 'planet' }] })));
    await expect(client.listRegions()).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      messageKey: 'errors.badResponse',
    });
  });

  it('reports an unreachable server as NETWORK', async () => {
    const client = createApiClient(fakeFetch(new TypeError('Failed to fetch')));
    await expect(client.getMeta()).rejects.toMatchObject({
      code: 'NETWORK',
      messageKey: 'errors.network',
      status: 0,
    });
  });

  it('posts crash reports as strict JSON and accepts 204', async () => {
    const fetch = fakeFetch(new Response(null, { status: 204 }));
    const client = createApiClient(fetch);
    await client.reportClientError({ message: 'boom', url: 'http://localhost/regions' });
    expect(fetch.calls[0]?.url).toBe('/api/v1/client-errors');
    expect(fetch.calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(fetch.calls[0]?.init?.body))).toEqual({
      message: 'boom',
      url: 'http://localhost/regions',
    });
  });

  it('walks the sign-in steps with JSON POSTs that carry the session cookie', async () => {
    const fetch = fakeFetch(
      json({ next: 'enroll' }),
      json({
        secret: 'JBSWY3DPEHPK3PXP',
        otpauthUri: 'otpauth://totp/x',
        qrSvgDataUrl: 'data:image/svg+xml;base64,',
      }),
      json({ next: 'done', recoveryCodes: ['a1b2-c3d4'] }),
      new Response(null, { status: 204 }),
    );
    const client = createApiClient(fetch);
    expect(await client.login('worker1', 'secret')).toBe('enroll');
    expect((await client.startTotpEnrollment()).secret).toBe('JBSWY3DPEHPK3PXP');
    expect(await client.confirmTotpEnrollment('123456')).toEqual({
      next: 'done',
      recoveryCodes: ['a1b2-c3d4'],
    });
    await client.logout();
    expect(fetch.calls.map((c) => c.url)).toEqual([
      '/api/v1/auth/login',
      '/api/v1/auth/totp/enroll',
      '/api/v1/auth/totp/confirm',
      '/api/v1/auth/logout',
    ]);
    for (const call of fetch.calls) {
      expect(call.init?.method).toBe('POST');
      expect(call.init?.credentials).toBe('same-origin');
      expect(new Headers(call.init?.headers).get('content-type')).toBe('application/json');
    }
    expect(fetch.calls.map((c) => JSON.parse(String(c.init?.body)))).toEqual([
      { username: 'worker1', password: 'secret' },
      {},
      { code: '123456' },
      {},
    ]);
  });

  it('tells listeners about a 401 outside the sign-in flow (the session ended), not inside it', async () => {
    const unauthenticated = () => problem('UNAUTHENTICATED', 401, 'errors.unauthenticated');
    const client = createApiClient(fakeFetch(unauthenticated(), unauthenticated(), unauthenticated()));
    let heard = 0;
    const stop = client.onUnauthenticated(() => {
      heard += 1;
    });
    await expect(client.login('x', 'y')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    await expect(client.getMe()).rejects.toMatchObject({ status: 401 });
    expect(heard).toBe(0);
    await expect(client.listRegions()).rejects.toMatchObject({ status: 401 });
    expect(heard).toBe(1);
    stop();
  });

  it('reads how long a throttled request must wait', async () => {
    const limited = problem('RATE_LIMITED', 429, 'errors.rateLimited');
    limited.headers.set('retry-after', '30');
    const client = createApiClient(fakeFetch(limited));
    await expect(client.login('x', 'y')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
    });
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(30);
  });

  it('lists households with the region, search and cursor as query parameters', async () => {
    const fetch = fakeFetch(json({ items: [], next: null, total: 0, totalCapped: false, actions: [] }));
    const client = createApiClient(fetch);
    expect(
      await client.listHouseholds({ regionId: region.id, q: ' 幸福 ', after: 'abc=', limit: 20 }),
    ).toEqual({
      items: [],
      next: null,
      total: 0,
      totalCapped: false,
      actions: [],
    });
    expect(fetch.calls[0]?.url).toBe(
      `/api/v1/households?regionId=${region.id}&q=%E5%B9%B8%E7%A6%8F&limit=20&after=abc%3D`,
    );
    expect(householdListParams({ q: '  ' }).toString()).toBe('limit=20');
  });

  it('unmasks one field of one member with the reason, and returns the value', async () => {
    const fetch = fakeFetch(json({ field: 'phone', value: '13812345678' }));
    const client = createApiClient(fetch);
    const memberId = '0190f5a0-0000-7000-8000-000000000009';
    expect(await client.unmaskMember(region.id, memberId, 'phone', '联系住户')).toBe('13812345678');
    expect(fetch.calls[0]?.url).toBe(`/api/v1/households/${region.id}/members/${memberId}/unmask`);
    expect(JSON.parse(String(fetch.calls[0]?.init?.body))).toEqual({ field: 'phone', reason: '联系住户' });
  });

  it('sends any JSON call through request, with a body only where the method takes one', async () => {
    const fetch = fakeFetch(json({ ok: true }), new Response(null, { status: 204 }), json({ n: 1 }));
    const client = createApiClient(fetch);
    const ok = z.object({ ok: z.boolean() });
    expect(await client.request('PATCH', '/api/v1/things/1', ok, { body: { name: 'x' } })).toEqual({
      ok: true,
    });
    expect(await client.request('DELETE', '/api/v1/things/1', z.undefined())).toBeUndefined();
    await expect(client.request('GET', '/api/v1/things', ok)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    expect(fetch.calls.map((c) => [c.init?.method, c.init?.body])).toEqual([
      ['PATCH', '{"name":"x"}'],
      ['DELETE', undefined],
      ['GET', undefined],
    ]);
  });

  it('uploads a file as the raw body and downloads a file with its suggested name', async () => {
    const file = new Blob(['a,b\n'], { type: 'text/csv' });
    const download = new Response('PK', {
      headers: {
        'content-disposition': 'attachment; filename="x.xlsx"; filename*=UTF-8\'\'%E4%BD%8F%E6%88%B7.xlsx',
      },
    });
    const fetch = fakeFetch(json({ id: 'r1' }), download);
    const client = createApiClient(fetch);
    expect(await client.upload('/api/v1/imports/households', file, z.object({ id: z.string() }))).toEqual({
      id: 'r1',
    });
    expect(fetch.calls[0]?.init?.body).toBe(file);
    expect(fetch.calls[0]?.init?.headers).toMatchObject({ 'content-type': 'text/csv' });
    const result = await client.download('/api/v1/exports/households');
    expect(result.fileName).toBe('住户.xlsx');
    expect(await result.blob.text()).toBe('PK');
    expect(fileNameOf('attachment; filename="plain.xlsx"')).toBe('plain.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A")).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
