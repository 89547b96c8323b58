import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createOpen311ClientSchema,
  issuedOpen311ClientSchema,
  open311ClientListSchema,
  open311ClientSchema,
} from '../../../shared/domain/open311.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { issueOpen311Client } from './issue-client.ts';
import { listOpen311Clients } from './list-clients.ts';
import { revokeOpen311Client } from './revoke-client.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** The system administrator's Open311 clients: list, issue a key (shown once), revoke; audited. */
export const open311ClientRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const ctxOf = (principal: Principal, ip: string) => ({
    db,
    principal,
    actor: actorOf(principal, ip),
    now: new Date(),
  });

  app.get(
    '/api/v1/admin/open311-clients',
    {
      config: { access: 'system:admin' },
      schema: {
        tags: ['open311'],
        summary: "The district's Open311 API clients (never their keys)",
        response: { 200: open311ClientListSchema },
      },
    },
    async (request) => listOpen311Clients(db, request.principal as Principal),
  );

  app.post(
    '/api/v1/admin/open311-clients',
    {
      config: { access: 'system:admin' },
      schema: {
        tags: ['open311'],
        summary: 'Issues a client its API key, shown in this answer only; audited',
        body: createOpen311ClientSchema,
        response: { 201: issuedOpen311ClientSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await issueOpen311Client(ctxOf(request.principal as Principal, request.ip), request.body)),
  );

  app.post(
    '/api/v1/admin/open311-clients/:id/revoke',
    {
      config: { access: 'system:admin' },
      schema: {
        tags: ['open311'],
        summary: "Revokes a client's key at once; audited",
        params: idParams,
        response: { 200: open311ClientSchema },
      },
    },
    async (request) =>
      revokeOpen311Client(ctxOf(request.principal as Principal, request.ip), request.params.id),
  );
};
