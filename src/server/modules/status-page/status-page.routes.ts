import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseStatusLinksSchema,
  publicCaseStatusSchema,
  residentRatingBodySchema,
} from '../../../shared/domain/resident-status.ts';
import { publicReadLimit, publicWriteLimit } from '../../http/public-limits.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { CaseWriteContext } from '../cases/case-write-context.ts';
import { rateFromStatusPage } from './rate-from-status-page.ts';
import { readStatusLinks } from './read-status-links.ts';
import { readStatusPage } from './read-status-page.ts';
import { reissueStatusLink } from './reissue-status-link.ts';
import { revokeStatusLinks } from './revoke-status-links.ts';

// Any text: a malformed token must answer the same 404 as an unknown one, not a 400.
const tokenParams = z.object({ token: z.string() }).strict();
const caseParams = z.object({ id: z.uuid() }).strict();

/** The resident's status page (issue 15 §2): no account, the token is the key. */
export const publicStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/public/status/:token',
    {
      config: { access: 'public', rateLimit: false },
      onRequest: publicReadLimit(app),
      schema: {
        tags: ['public'],
        summary: "A resident's case by their status link: stage, masked timeline, replies, rating open",
        params: tokenParams,
        response: { 200: publicCaseStatusSchema },
      },
    },
    // Not cached (every /api/ answer is no-store) and no Referer beyond this origin (security.ts).
    async (request) => readStatusPage(db, request.params.token),
  );

  app.post(
    '/api/v1/public/status/:token/rating',
    {
      config: { access: 'public', rateLimit: false },
      onRequest: publicWriteLimit(app),
      schema: {
        tags: ['public'],
        summary: 'The resident rates the reply (the follow-up step); answers the page as it now is',
        params: tokenParams,
        body: residentRatingBodySchema,
        response: { 200: publicCaseStatusSchema },
      },
    },
    async (request) => {
      await rateFromStatusPage(
        { db, sourceIp: request.ip, now: new Date() },
        request.params.token,
        request.body,
      );
      return readStatusPage(db, request.params.token);
    },
  );
};

/** Staff: a case's status links — how many work, revoke them all, issue a new one. */
export const caseStatusLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher } = app.ctx;
  const contextOf = (request: FastifyRequest): CaseWriteContext => {
    const principal = request.principal as Principal;
    return { db, principal, actor: actorOf(principal, request.ip), now: new Date() };
  };

  app.get(
    '/api/v1/cases/:id/status-links',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: "How many of the case's resident status links work now",
        params: caseParams,
        response: { 200: caseStatusLinksSchema },
      },
    },
    async (request) => readStatusLinks(db, request.principal as Principal, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/status-links/revoke',
    {
      // Readers of the case reach it; the use case lets only its dispatchers and first responder act.
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'Revoke every resident status link of the case (audited; the case does not change)',
        params: caseParams,
        response: { 200: caseStatusLinksSchema },
      },
    },
    async (request) => revokeStatusLinks(contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/status-links',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary:
          'Issue a new resident status link (texted when the case has a phone; the path is shown once)',
        params: caseParams,
        response: { 201: caseStatusLinksSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reissueStatusLink({ ...contextOf(request), cipher }, request.params.id)),
  );
};
