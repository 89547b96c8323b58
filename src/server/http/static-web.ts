import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

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
      await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'] });
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
