import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '../../../shared/auth/roles.ts';
import {
  followUpDoneSchema,
  keyInfoSchema,
  keyRecordInputSchema,
  planCreateSchema,
  planOwnerListSchema,
  planPatchSchema,
} from '../../../shared/domain/key-household.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { completeFollowUp } from './complete-follow-up.ts';
import { createPlan } from './create-plan.ts';
import { keyInfo } from './key-info.ts';
import type { KeyWriteContext } from './key-write-context.ts';
import { planOwners } from './plan-owners.ts';
import { recordKeyInfo } from './record-key-info.ts';
import { updatePlan } from './update-plan.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const planParams = z.object({ id: z.uuid(), planId: z.uuid() }).strict();
const followUpParams = z.object({ id: z.uuid(), planId: z.uuid(), followUpId: z.uuid() }).strict();

/**
 * Key households: the "五个要" record and the 一户一策 plan with follow-ups. Writes answer the
 * household's key information as it now is, so the page redraws from one response.
 */
export const keyHouseholdRoutes: FastifyPluginAsyncZod = async (app) => {
  const { households } = app.ctx.repositories;
  const db = app.ctx.database.db;
  const contextOf = (principal: Principal, ip: string): KeyWriteContext => ({
    db,
    principal,
    actor: { principal, districtCode: principal.districtCode, sourceIp: ip },
  });
  const household = async (principal: Principal, id: string, permission: Permission) => {
    const h = await households.findInScope(scopeFor(principal, permission), id);
    if (!h) throw new AppError('NOT_FOUND', 'No such household.');
    return h;
  };
  const infoOf = async (principal: Principal, id: string) =>
    keyInfo(db, await household(principal, id, 'households:read'));
  /** Runs a write as the caller, then answers the household's key information as it now is. */
  const writeThenInfo = async (
    request: { principal?: Principal; ip: string },
    id: string,
    write: (ctx: KeyWriteContext) => Promise<unknown>,
  ) => {
    const principal = request.principal as Principal;
    await write(contextOf(principal, request.ip));
    return infoOf(principal, id);
  };

  app.get(
    '/api/v1/households/:id/key-info',
    {
      config: { access: 'households:read' },
      schema: {
        tags: ['key-households'],
        summary: 'The "五个要" records (latest and history) and 一户一策 plans of a household',
        params: idParams,
        response: { 200: keyInfoSchema },
      },
    },
    async (request) => infoOf(request.principal as Principal, request.params.id),
  );

  app.get(
    '/api/v1/households/:id/plan-owners',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['key-households'],
        summary: "Active users who may own a household's plan (their scope reaches it)",
        params: idParams,
        response: { 200: planOwnerListSchema },
      },
    },
    async (request) => {
      const h = await household(request.principal as Principal, request.params.id, 'households:write');
      return { items: await planOwners(db, h.district_code, h.region_path) };
    },
  );

  app.post(
    '/api/v1/households/:id/key-records',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['key-households'],
        summary: 'Record the "五个要" of a key household',
        params: idParams,
        body: keyRecordInputSchema,
        response: { 201: keyInfoSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const info = await writeThenInfo(request, id, (ctx) => recordKeyInfo(ctx, id, request.body));
      return reply.code(201).send(info);
    },
  );

  app.post(
    '/api/v1/households/:id/plans',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['key-households'],
        summary: 'Draw up a 一户一策 plan: measures, owner, follow-up dates',
        params: idParams,
        body: planCreateSchema,
        response: { 201: keyInfoSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const info = await writeThenInfo(request, id, (ctx) => createPlan(ctx, id, request.body));
      return reply.code(201).send(info);
    },
  );

  app.patch(
    '/api/v1/households/:id/plans/:planId',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['key-households'],
        summary: "Change a plan's measures, owner or status, or add follow-up dates",
        params: planParams,
        body: planPatchSchema,
        response: { 200: keyInfoSchema },
      },
    },
    async (request) => {
      const { id, planId } = request.params;
      return writeThenInfo(request, id, (ctx) => updatePlan(ctx, id, planId, request.body));
    },
  );

  app.post(
    '/api/v1/households/:id/plans/:planId/follow-ups/:followUpId/done',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['key-households'],
        summary: 'Mark a follow-up of a plan as done, with a note',
        params: followUpParams,
        body: followUpDoneSchema,
        response: { 200: keyInfoSchema },
      },
    },
    async (request) => {
      const { id, planId, followUpId } = request.params;
      return writeThenInfo(request, id, (ctx) =>
        completeFollowUp(ctx, { householdId: id, planId, followUpId }, request.body.note),
      );
    },
  );
};
