import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importReservationSchema, transferKindParams } from '../../../shared/domain/transfer.ts';
import type { Principal } from '../auth/principal.ts';
import { importProgressEvents, readImportProgress, reserveImportRun } from './import-progress.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * A web import's progress: reserve a run before uploading (JSON, so apart from the upload
 * routes, which take only files), then follow it as server-sent events. District-wide like the
 * imports themselves (data:import).
 */
export const importProgressRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  // Open streams end when the server stops, so closing never waits on a watcher.
  const streams = new Set<AbortController>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.abort();
  });

  app.post(
    '/api/v1/imports/:kind/runs',
    {
      config: { access: 'data:import' },
      schema: {
        tags: ['imports'],
        summary: 'Reserve a run for an upload (pass its id as runId) to follow its progress',
        params: transferKindParams,
        body: z.object({}).strict().optional(),
        response: { 201: importReservationSchema },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return reserveImportRun(db, request.principal as Principal, request.params.kind);
    },
  );

  app.get(
    '/api/v1/imports/:id/progress',
    {
      config: { access: 'data:import' },
      schema: {
        tags: ['imports'],
        summary:
          "A run's progress as server-sent events (text/event-stream): one JSON event per change, until done or failed",
        params: idParams,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      // Not found is an ordinary problem answer, before the stream starts.
      const first = await readImportProgress(db, principal, request.params.id);
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
      return reply.send(Readable.from(importProgressEvents(db, principal, first, stream.signal)));
    },
  );
};
