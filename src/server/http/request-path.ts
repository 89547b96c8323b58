import type { FastifyRequest } from 'fastify';

/**
 * The path a request was routed by: the matched route's pattern (`/api/v1/public/status/:token`),
 * else the URL's path percent-decoded, as the router reads it. Hooks that treat a family of routes
 * differently (load shedding, cache headers) read this, never `request.url` as sent: the router
 * decodes `/%61pi/v1/public/reports` to the public form's route, so a test on the raw text would
 * let such a request pass as something else.
 */
export function routedPath(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route !== undefined) return route;
  const raw = request.url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
