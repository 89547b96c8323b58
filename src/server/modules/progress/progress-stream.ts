import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ProgressOperation } from '../../../shared/domain/progress.ts';
import type { Principal } from '../auth/principal.ts';
import { progressEvents, readProgress } from './progress.ts';

/**
 * Answers a progress route with the run's server-sent events, for the routes of each operation
 * (imports, exports). Open streams end when the server stops, so closing never waits on a watcher.
 */
export function progressStreams(app: FastifyInstance) {
  const db = app.ctx.database.db;
  const streams = new Set<AbortController>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.abort();
  });
  return async (reply: FastifyReply, principal: Principal, operation: ProgressOperation, id: string) => {
    // Not found is an ordinary problem answer, before the stream starts.
    const first = await readProgress(db, principal, operation, id);
    const stream = new AbortController();
    streams.add(stream);
    reply.raw.on('close', () => {
      stream.abort();
      streams.delete(stream);
    });
    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      // Proxies (nginx) would otherwise hold the events back in their buffer.
      .header('x-accel-buffering', 'no');
    return reply.send(Readable.from(progressEvents(db, principal, first, stream.signal)));
  };
}
