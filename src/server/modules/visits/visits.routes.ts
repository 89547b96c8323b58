import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdVisitSchema,
  createVisitSchema,
  syncBatchSchema,
  syncResultSchema,
  visitCommentInputSchema,
  visitCommentSchema,
  visitDetailSchema,
  visitListQuerySchema,
  visitListSchema,
  visitPhotoSchema,
} from '../../../shared/domain/visit.ts';
import { textSchema } from '../../../shared/validation/text.ts';
import { CURSOR_KEYS, decodeCursor, pageBody, pageOffset } from '../../http/cursor.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { attachmentBodyParser } from '../cases/attachments/attachment-body.ts';
import { createAttachmentStore } from '../cases/attachments/attachment-store.ts';
import { sendStoredFile } from '../cases/attachments/send-stored-file.ts';
import { checkIdempotencyKey } from '../cases/idempotency.ts';
import { addVisitPhoto } from './add-visit-photo.ts';
import { commentOnVisit } from './comment-on-visit.ts';
import { readVisitPhoto } from './read-visit-photo.ts';
import { recordVisitOnce, syncVisits } from './sync-visits.ts';
import { visitDetail } from './visit-detail.ts';
import { visitListFilter } from './visit-list-filter.ts';
import { visitSummary } from './visit-views.ts';
import type { VisitWriteContext } from './visit-write-context.ts';
import { createVisitRepository } from './visits.repository.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const photoParams = z.object({ id: z.uuid(), photoId: z.uuid() }).strict();
const uploadQuery = z.object({ name: textSchema(255).optional() }).strict();

/** The visit diary (民情日记): recording visits with their issues, the field sync, photos, comments. */
export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
  const days = config.cases.idempotencyDays;
  const contextOf = (request: FastifyRequest): VisitWriteContext => {
    const principal = request.principal as Principal;
    return {
      db,
      principal,
      actor: actorOf(principal, request.ip),
      now: new Date(),
      cipher,
      visitDefaults: config.visits,
    };
  };

  app.post(
    '/api/v1/visits',
    {
      config: { access: 'visits:write' },
      schema: {
        tags: ['visits'],
        summary:
          'Record a visit with its issues (each becomes a case); retried safely with an Idempotency-Key',
        body: createVisitSchema,
        response: { 201: createdVisitSchema },
      },
    },
    async (request, reply) => {
      const key = checkIdempotencyKey(request.headers['idempotency-key'] as string | undefined);
      const result = await recordVisitOnce(contextOf(request), request.body, key, days);
      if (result.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.code(201).send(result.body);
    },
  );

  app.post(
    '/api/v1/visits/sync',
    {
      config: { access: 'visits:write' },
      schema: {
        tags: ['visits'],
        summary: "The field app's queued visits, each once per client id; a status per visit, in order",
        body: syncBatchSchema,
        response: { 200: syncResultSchema },
      },
    },
    async (request) => {
      const result = await syncVisits(contextOf(request), request.body, days);
      // A batch is bulk work: on PGlite (no autovacuum) the statistics job re-analyses what it
      // changed past the threshold — started now, off the request's path.
      app.ctx.nudgeStatistics();
      return result;
    },
  );

  app.get(
    '/api/v1/visits',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['visits'],
        summary:
          'The visit diary in scope, newest first (by place, person, form, period, target, household or enterprise); by cursor or page number',
        querystring: visitListQuerySchema,
        response: { 200: visitListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:read');
      const q = request.query;
      const repo = createVisitRepository(db);
      const offset = pageOffset(q.page, q.limit, q.after);
      const page = await repo.list(scope, {
        ...(await visitListFilter(app.ctx.repositories.regions, scope, q)),
        ...(q.after ? { after: decodeCursor(q.after, CURSOR_KEYS.instant) } : {}),
        offset,
        limit: q.limit,
      });
      const visitors = await repo.visitors(
        principal.districtCode,
        page.rows.map((r) => r.id),
      );
      const householdsRead = scopeFor(principal, 'households:read');
      return {
        ...pageBody(
          page,
          (r) => new Date(r.started_at).toISOString(),
          (r) => visitSummary(r, visitors, householdsRead),
        ),
        totalCapped: page.totalCapped,
      };
    },
  );

  app.get(
    '/api/v1/visits/:id',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['visits'],
        summary:
          'A diary entry: visitors, flags, notes, services, 五个要, photos, its cases, comments, your actions',
        params: idParams,
        response: { 200: visitDetailSchema },
      },
    },
    async (request) => visitDetail(db, request.principal as Principal, request.params.id, new Date()),
  );

  app.post(
    '/api/v1/visits/:id/comments',
    {
      // Readers reach the entry; only a visitor's mentor or a checker of the area may comment.
      config: { access: 'visits:read' },
      schema: {
        tags: ['visits'],
        summary: "Comment on a diary entry (a visitor's mentor, or visits:check where it was held)",
        params: idParams,
        body: visitCommentInputSchema,
        response: { 201: visitCommentSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const comment = await commentOnVisit(
        { db, principal, actor: actorOf(principal, request.ip), now: new Date() },
        request.params.id,
        request.body,
      );
      return reply.code(201).send(comment);
    },
  );

  const store = createAttachmentStore(config.cases.attachmentDir);
  // Photos are raw bodies: their own plugin takes files instead of JSON.
  const photoRoutes: FastifyPluginAsyncZod = async (files) => {
    files.removeContentTypeParser('application/json');
    files.addContentTypeParser('*', attachmentBodyParser(config.cases.attachmentMaxBytes));

    files.post(
      '/api/v1/visits/:id/photos',
      {
        config: { access: 'visits:write' },
        schema: {
          tags: ['visits'],
          summary:
            'Add a JPEG or PNG photo sent as the raw body (?name= the file name; Idempotency-Key honoured); metadata is removed',
          params: idParams,
          querystring: uploadQuery,
          response: { 201: visitPhotoSchema },
        },
      },
      async (request, reply) => {
        const principal = request.principal as Principal;
        const result = await addVisitPhoto(
          {
            db,
            principal,
            actor: actorOf(principal, request.ip),
            now: new Date(),
            store,
            idempotencyDays: days,
          },
          {
            visitId: request.params.id,
            fileName: request.query.name ?? '',
            body: request.body as Buffer | undefined,
            key: checkIdempotencyKey(request.headers['idempotency-key'] as string | undefined),
          },
        );
        if (result.replayed) reply.header('Idempotent-Replayed', 'true');
        return reply.code(201).send(result.body);
      },
    );

    files.get(
      '/api/v1/visits/:id/photos/:photoId',
      {
        config: { access: 'visits:read' },
        schema: { tags: ['visits'], summary: 'One photo of a visit', params: photoParams },
      },
      async (request, reply) => {
        const file = await readVisitPhoto(
          db,
          store,
          request.principal as Principal,
          request.params.id,
          request.params.photoId,
        );
        return sendStoredFile(reply, file, 'photo');
      },
    );
  };
  await app.register(photoRoutes);
};
