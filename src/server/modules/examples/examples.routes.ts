import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  exampleListQuerySchema,
  exampleListSchema,
  exampleSchema,
  proposeExampleSchema,
  publicExampleListSchema,
  withdrawExampleSchema,
  writeExampleSchema,
} from '../../../shared/domain/examples.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createAttachmentStore } from '../cases/attachments/attachment-store.ts';
import { sendStoredFile } from '../cases/attachments/send-stored-file.ts';
import type { ExampleContext } from './example-subject.ts';
import { proposeExample } from './propose-example.ts';
import { publicExamplePhoto, publicExamples } from './public-examples.ts';
import { publishExample } from './publish-example.ts';
import { listExamples, readExample } from './read-examples.ts';
import { withdrawExample } from './withdraw-example.ts';
import { writeExample } from './write-example.ts';

/** Reads of the public examples page per address and minute: a page and its few photos. */
export const PUBLIC_EXAMPLE_READS_PER_MINUTE = 120;

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * Examples (优秀案例, issue 14 §6): proposed and written up by staff who read the case or visit
 * (cases:read), approved, published and withdrawn by leaders (figures:publish); every write audited.
 */
export const exampleRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const ctxOf = (principal: Principal, ip: string): ExampleContext => ({
    db,
    principal,
    actor: actorOf(principal, ip),
    now: new Date(),
  });

  app.get(
    '/api/v1/examples',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['examples'],
        summary: 'The examples below a place whose case or visit the caller reads',
        querystring: exampleListQuerySchema,
        response: { 200: exampleListSchema },
      },
    },
    async (request) => listExamples(db, request.principal as Principal, request.query),
  );

  app.post(
    '/api/v1/examples',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['examples'],
        summary: 'Propose a closed case or a visit as an example; audited',
        body: proposeExampleSchema,
        response: { 201: exampleSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await proposeExample(ctxOf(request.principal as Principal, request.ip), request.body)),
  );

  app.get(
    '/api/v1/examples/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['examples'],
        summary: "One example, with its subject's photos to choose from",
        params: idParams,
        response: { 200: exampleSchema },
      },
    },
    async (request) => readExample(db, request.principal as Principal, request.params.id),
  );

  app.put(
    '/api/v1/examples/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['examples'],
        summary: "Write an example up: title, story and photos chosen from its subject's own; audited",
        params: idParams,
        body: writeExampleSchema,
        response: { 200: exampleSchema },
      },
    },
    async (request) =>
      writeExample(ctxOf(request.principal as Principal, request.ip), request.params.id, request.body),
  );

  app.post(
    '/api/v1/examples/:id/publish',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['examples'],
        summary: 'Approve and publish an example to the public page and the campaign report; audited',
        params: idParams,
        response: { 200: exampleSchema },
      },
    },
    async (request) => publishExample(ctxOf(request.principal as Principal, request.ip), request.params.id),
  );

  app.post(
    '/api/v1/examples/:id/withdraw',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['examples'],
        summary: 'Withdraw a published example, with a reason; audited',
        params: idParams,
        body: withdrawExampleSchema,
        response: { 200: exampleSchema },
      },
    },
    async (request) =>
      withdrawExample(
        ctxOf(request.principal as Principal, request.ip),
        request.params.id,
        request.body.reason,
      ),
  );
};

/** The public examples page (no account): published examples and their chosen photos only. */
export const publicExampleRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const store = createAttachmentStore(app.ctx.config.cases.attachmentDir);
  const rateLimit = { max: PUBLIC_EXAMPLE_READS_PER_MINUTE, timeWindow: '1 minute' };

  app.get(
    '/api/v1/public/examples',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public'],
        summary: 'The published examples of a district, street or community (no personal data)',
        querystring: z.object({ regionId: z.uuid() }).strict(),
        response: { 200: publicExampleListSchema },
      },
    },
    async (request) => publicExamples(db, request.query.regionId),
  );

  app.get(
    '/api/v1/public/examples/:id/photos/:photoId',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public'],
        summary: 'A photo chosen for a published example (its metadata removed on upload)',
        params: z.object({ id: z.uuid(), photoId: z.uuid() }).strict(),
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await publicExamplePhoto(db, store, request.params.id, request.params.photoId),
        'photo',
      ),
  );
};
