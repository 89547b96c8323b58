import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  findingListSchema,
  findingSchema,
  findingsQuerySchema,
  rectificationInputSchema,
} from '../../../shared/domain/findings.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { listFindings } from './list-findings.ts';
import { rectifyFinding } from './rectify-finding.ts';

/**
 * Findings to rectify (整改, issue 14 §2–§3): read by the units they name and those above them,
 * answered once by the unit itself, audited.
 */
export const findingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/findings',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['findings'],
        summary:
          "The findings of the caller's places, departments and self (criticism lists, supervision reports), earliest due first",
        querystring: findingsQuerySchema,
        response: { 200: findingListSchema },
      },
    },
    async (request) => listFindings(db, request.principal as Principal, request.query, new Date()),
  );

  app.post(
    '/api/v1/findings/:id/rectification',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['findings'],
        summary:
          "A finding's rectification (整改): its note and day, recorded once by the unit it names; audited",
        params: z.object({ id: z.uuid() }),
        body: rectificationInputSchema,
        response: { 200: findingSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return rectifyFinding(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body,
        new Date(),
      );
    },
  );
};
