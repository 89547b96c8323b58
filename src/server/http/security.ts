import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import helmet from 'helmet';
import { AppError } from '../../shared/errors/app-error.ts';
import { tileUrl } from '../../shared/map/map-tiles.ts';
import type { Config } from '../config.ts';
import { routedPath } from './request-path.ts';

/**
 * Browser features the pages may use: the field app takes photos (a file input with `capture`) and
 * checks in with the location; everything else is off, for this origin and any frame.
 */
declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The onRequest hook of a per-address limit shared by every route that takes it (`group`
     * names it; every caller gives the same `max` a minute). The route sets `rateLimit: false`.
     */
    sharedRateLimit(group: string, max: number): onRequestAsyncHookHandler;
  }
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=(self)',
  'display-capture=()',
  'encrypted-media=()',
  'geolocation=(self)',
  'gyroscope=()',
  'hid=()',
  'idle-detection=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether `origin` is where MinQing is served: a configured public origin, or the request's own host. */
function isOwnOrigin(origin: string, request: FastifyRequest, publicOrigins: readonly string[]): boolean {
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (publicOrigins.length > 0) return publicOrigins.includes(url.origin);
  // The host as this request reached us (X-Forwarded-Host only when the proxy is trusted), read with
  // the origin's scheme so that a default port written or left out compares equal. The scheme itself
  // is not compared: behind a TLS-terminating proxy the server sees http for an https page.
  const own = `${url.protocol}//${request.host}`;
  return URL.canParse(own) && new URL(own).host === url.host;
}

/**
 * A state-changing request a page of another site made the browser send (CSRF, on top of the
 * SameSite=Strict session cookie): `Sec-Fetch-Site: cross-site`, `same-site` from an origin that is
 * not ours, or an `Origin` that is not ours. Without either header (command-line tools,
 * integrations) nothing is refused: those callers carry no ambient browser credentials.
 */
export function isCrossSiteRequest(request: FastifyRequest, publicOrigins: readonly string[]): boolean {
  if (!STATE_CHANGING.has(request.method)) return false;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (site === 'cross-site') return true;
  if (origin !== undefined && !isOwnOrigin(origin, request, publicOrigins)) return true;
  // A sibling site (another subdomain) is only trusted when it is a configured public origin.
  return site === 'same-site' && !(origin !== undefined && publicOrigins.length > 0);
}

function tileOrigin(config: Config): string[] {
  const tiles = config.public.mapTiles;
  return tiles ? [new URL(tileUrl(tiles.url, { z: 0, x: 0, y: 0 })).origin] : [];
}

/**
 * Security headers with a strict Content-Security-Policy: everything comes from this server
 * (docs/specs/trust.md §16). No CDN, font host or analytics origin is ever allowed; images may also
 * come from the operator's own tile server when one is configured.
 */
export async function installSecurity(app: FastifyInstance, config: Config): Promise<void> {
  // Built once: the Fastify plugin (@fastify/helmet) built helmet's middleware again for every
  // request, parsing the policy each time (3 % of the server's CPU under intake load).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd's CSS-in-JS injects <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The one other origin a deployment may name: its own tile server under the grid map.
        imgSrc: ["'self'", 'data:', 'blob:', ...tileOrigin(config)],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Health probes from the orchestrator must never be throttled.
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
  });
  // @fastify/rate-limit keeps a counter per route that sets its own limit, so a resident's report,
  // SMS code and rating would each have the whole allowance. Routes that share one per address
  // (docs/errors.md RATE_LIMITED) set `rateLimit: false` and take the group's hook instead.
  const groups = new Map<string, { max: number; hook: onRequestAsyncHookHandler }>();
  app.decorate('sharedRateLimit', (group: string, max: number) => {
    const known = groups.get(group);
    if (known && known.max !== max) throw new Error(`rate-limit group ${group} is ${known.max} a minute`);
    if (known) return known.hook;
    const hook = app.rateLimit({ max, timeWindow: '1 minute' }) as onRequestAsyncHookHandler;
    groups.set(group, { max, hook });
    return hook;
  });
  app.addHook('onRequest', async (request) => {
    if (isCrossSiteRequest(request, config.publicOrigins))
      throw new AppError('CROSS_SITE_REQUEST', 'State-changing requests must come from MinQing itself.');
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // No API answer is kept by the browser or a proxy: most carry personal data (unmasked values,
    // full exports) or depend on who asks. A route that decides otherwise sets its own header.
    if (routedPath(request).startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
