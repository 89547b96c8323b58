import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { progressReservationSchema } from '../../../shared/domain/progress.ts';
import { transferKindParams } from '../../../shared/domain/transfer.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { reserveRun } from '../progress/progress.ts';
import { progressStreams } from '../progress/progress-stream.ts';
import { IMPORTERS } from './import-kinds.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * A web import's progress: reserve a run before uploading (JSON, so apart from the upload
 * routes, which take only files), then follow it as server-sent events. Holders of data:import
 * reserve runs; each run is followed only by the user who reserved it.
 */
export const importProgressRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const sendProgress = progressStreams(app);

  app.post(
    '/api/v1/imports/:kind/runs',
    {
      config: { access: 'data:import' },
      schema: {
        tags: ['imports'],
        summary: 'Reserve a run for an upload (pass its id as runId) to follow its progress',
        params: transferKindParams,
        body: z.object({}).strict().optional(),
        response: { 201: progressReservationSchema },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      if (!IMPORTERS[kind]) throw new AppError('NOT_FOUND', `Importing ${kind} is not available yet.`);
      reply.code(201);
      return reserveRun(db, request.principal as Principal, 'import', kind);
    },
  );

  app.get(
    '/api/v1/imports/:id/progress',
    {
      config: { access: 'data:import' },
      schema: {
        tags: ['imports'],
        summary:
          "One's own run's progress as server-sent events (text/event-stream): one JSON event per change, until done or failed",
        params: idParams,
      },
    },
    async (request, reply) =>
      sendProgress(reply, request.principal as Principal, 'import', request.params.id),
  );
};
