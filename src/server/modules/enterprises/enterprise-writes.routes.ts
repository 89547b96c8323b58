import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignLiaisonSchema,
  createEnterpriseSchema,
  enterpriseDetailSchema,
  liaisonCandidateListSchema,
  removeEnterpriseSchema,
  updateEnterpriseSchema,
} from '../../../shared/domain/enterprise.ts';
import { type AuditActor, actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { assignLiaison } from './assign-liaison.ts';
import { createEnterprise } from './create-enterprise.ts';
import { enterpriseDetail } from './enterprise-detail.ts';
import { liaisonCandidates } from './liaison-candidates.ts';
import { removeEnterprise } from './remove-enterprise.ts';
import { updateEnterprise } from './update-enterprise.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * Recording enterprises (grid workers and liaisons, within their scope) and assigning their
 * liaison (陪跑员, leaders). Every write answers with the enterprise as the caller now sees it.
 */
export const enterpriseWriteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { enterprises, regions } = app.ctx.repositories;
  const { cipher } = app.ctx;
  const db = app.ctx.database.db;
  const deps = { db, cipher };
  const detailOf = (principal: Principal, id: string) =>
    enterpriseDetail(enterprises, regions, cipher, principal, id);
  /** Runs a write as the caller, then answers the enterprise as the caller now sees it. */
  const writeThenDetail = async (
    request: { principal?: Principal; ip: string },
    id: string,
    write: (principal: Principal, actor: AuditActor) => Promise<unknown>,
  ) => {
    const principal = request.principal as Principal;
    await write(principal, actorOf(principal, request.ip));
    return detailOf(principal, id);
  };

  app.post(
    '/api/v1/enterprises',
    {
      config: { access: 'enterprises:write' },
      schema: {
        tags: ['enterprises'],
        summary: 'Record an enterprise in a grid of your scope',
        body: createEnterpriseSchema,
        response: { 201: enterpriseDetailSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const id = await createEnterprise(deps, principal, actorOf(principal, request.ip), request.body);
      return reply.code(201).send(await detailOf(principal, id));
    },
  );

  app.patch(
    '/api/v1/enterprises/:id',
    {
      config: { access: 'enterprises:write' },
      schema: {
        tags: ['enterprises'],
        summary: "Change an enterprise's fields (the credit code only to one not on record)",
        params: idParams,
        body: updateEnterpriseSchema,
        response: { 200: enterpriseDetailSchema },
      },
    },
    async (request) =>
      writeThenDetail(request, request.params.id, (principal, actor) =>
        updateEnterprise(deps, principal, actor, request.params.id, request.body),
      ),
  );

  app.post(
    '/api/v1/enterprises/:id/remove',
    {
      config: { access: 'enterprises:write' },
      schema: {
        tags: ['enterprises'],
        summary: 'Remove an enterprise from the books, with a reason (audited)',
        params: idParams,
        body: removeEnterpriseSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      await removeEnterprise(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body.reason,
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/enterprises/:id/liaison',
    {
      config: { access: 'enterprises:assign' },
      schema: {
        tags: ['enterprises'],
        summary: "Assign the enterprise's liaison (陪跑员), or remove the assignment with null",
        params: idParams,
        body: assignLiaisonSchema,
        response: { 200: enterpriseDetailSchema },
      },
    },
    async (request) =>
      writeThenDetail(request, request.params.id, (principal, actor) =>
        assignLiaison(db, principal, actor, request.params.id, request.body.userId),
      ),
  );

  app.get(
    '/api/v1/enterprises/:id/liaison-candidates',
    {
      config: { access: 'enterprises:assign' },
      schema: {
        tags: ['enterprises'],
        summary: 'Accounts that may be assigned as this enterprise’s liaison',
        params: idParams,
        response: { 200: liaisonCandidateListSchema },
      },
    },
    async (request) => ({
      items: await liaisonCandidates(enterprises, request.principal as Principal, request.params.id),
    }),
  );
};
