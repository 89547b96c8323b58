import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseContextSchema,
  revealedPhoneSchema,
  revealReporterPhoneSchema,
} from '../../../shared/domain/case.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { caseContext, revealReporterPhone } from './case-context.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** What a case was raised on (visit, photos, household or enterprise) and calling its reporter back. */
export const caseContextRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher } = app.ctx;

  app.get(
    '/api/v1/cases/:id/context',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'The visit, photos, household or enterprise of a case, its reporter masked, category advice',
        params: idParams,
        response: { 200: caseContextSchema },
      },
    },
    async (request) => caseContext(db, cipher, request.principal as Principal, request.params.id, new Date()),
  );

  app.post(
    '/api/v1/cases/:id/reporter-phone',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: "The reporter's phone in full, for whoever must call them (audited)",
        params: idParams,
        body: revealReporterPhoneSchema,
        response: { 200: revealedPhoneSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const phone = await revealReporterPhone(
        db,
        cipher,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body.reason,
      );
      return { phone };
    },
  );
};
