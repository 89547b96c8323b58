import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/**
 * Serves the built web app from the same process. Unknown paths outside /api fall back to
 * index.html so client-side routes survive a reload; unknown /api paths stay problem+json 404.
 */
export async function installStaticWeb(app: FastifyInstance, dir = WEB_DIST): Promise<void> {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    app.log.warn({ dir }, 'web build not found: run `npm run build` to serve the web app');
    return;
  }
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || pathname.startsWith('/api/') || path.extname(pathname) !== '') {
      return sendProblem(reply, 'NOT_FOUND', `No route for ${request.method}.`);
    }
    return reply.sendFile('index.html');
  });
}
