import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseAttachmentSchema } from '../../../shared/domain/case.ts';
import { textSchema } from '../../../shared/validation/text.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { addAttachment } from './attachments/add-attachment.ts';
import { attachmentBodyParser } from './attachments/attachment-body.ts';
import { createAttachmentStore } from './attachments/attachment-store.ts';
import { readAttachment } from './attachments/read-attachment.ts';
import { sendStoredFile } from './attachments/send-stored-file.ts';
import { readCaseVisitPhoto } from './case-context.ts';

const caseParams = z.object({ id: z.uuid() }).strict();
const fileParams = z.object({ id: z.uuid(), attachmentId: z.uuid() }).strict();
const photoParams = z.object({ id: z.uuid(), photoId: z.uuid() }).strict();
const uploadQuery = z.object({ name: textSchema(255).optional() }).strict();

/** A case's attachments: upload (EXIF stripped, stored outside the database) and download; its visit's photos. */
export const caseAttachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { config } = app.ctx;
  const store = createAttachmentStore(config.cases.attachmentDir);
  // Only this plugin's routes take files: every body here is a file (JSON is refused with 415).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('*', attachmentBodyParser(config.cases.attachmentMaxBytes));

  app.post(
    '/api/v1/cases/:id/attachments',
    {
      // Readers of the case reach it; the workflow then decides whether this caller may act on it now.
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary:
          'Attach a JPEG, PNG or PDF sent as the raw body (?name= the file name); photo metadata is removed',
        params: caseParams,
        querystring: uploadQuery,
        response: { 201: caseAttachmentSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const added = await addAttachment(
        { db, principal, actor: actorOf(principal, request.ip), now: new Date(), store },
        {
          caseId: request.params.id,
          fileName: request.query.name ?? '',
          body: request.body as Buffer | undefined,
        },
      );
      return reply.status(201).send(added);
    },
  );

  app.get(
    '/api/v1/cases/:id/attachments/:attachmentId',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: "Download one of a case's attachments",
        params: fileParams,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const file = await readAttachment(db, store, principal, request.params.id, request.params.attachmentId);
      return sendStoredFile(reply, file, 'attachment');
    },
  );

  app.get(
    '/api/v1/cases/:id/visit-photos/:photoId',
    {
      // Readers of the case reach it; case-context.ts then decides whether this caller sees the photos.
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'One photo of the visit the case was raised on, for its readers and those working the case',
        params: photoParams,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const file = await readCaseVisitPhoto(db, store, principal, request.params.id, request.params.photoId);
      return sendStoredFile(reply, file, 'photo');
    },
  );
};
