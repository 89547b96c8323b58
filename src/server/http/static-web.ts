import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/**
 * The service worker script must never come from an HTTP cache: a stale one would keep serving
 * an old precached app shell after an upgrade. Its scope is the whole origin (it sits at /).
 */
export function noCacheForServiceWorker(
  reply: { header(name: string, value: string): unknown },
  file: string,
) {
  if (path.basename(file) === 'sw.js') {
    reply.header('cache-control', 'no-cache, no-store, must-revalidate');
    reply.header('service-worker-allowed', '/');
  }
}

/**
 * Serves the built web app from the same process when `serveWeb` finds a build. Unknown GET paths
 * outside /api without a file extension fall back to index.html, so client-side routes survive a
 * reload; every other unknown path is a problem+json 404.
 */
export async function installNotFoundAndWeb(
  app: FastifyInstance,
  serveWeb: boolean,
  dir = WEB_DIST,
): Promise<void> {
  let spa = false;
  if (serveWeb) {
    if (fs.existsSync(path.join(dir, 'index.html'))) {
      await app.register(fastifyStatic, {
        root: dir,
        prefix: '/',
        wildcard: false,
        index: ['index.html'],
        setHeaders: noCacheForServiceWorker,
      });
      spa = true;
    } else {
      app.log.warn({ dir }, 'web build not found: run `npm run build` to serve the web app');
    }
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isPage = request.method === 'GET' && !pathname.startsWith('/api/') && path.extname(pathname) === '';
    if (spa && isPage) return reply.sendFile('index.html');
    return sendProblem(reply, 'NOT_FOUND', `No route for ${request.method}.`);
  });
}
