import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  householdCreateSchema,
  householdDetailSchema,
  householdPatchSchema,
  householdRemovedSchema,
  householdRemoveSchema,
  memberCreateSchema,
  memberPatchSchema,
  memberSchema,
} from '../../../shared/domain/household.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { addMember } from './add-member.ts';
import { createHousehold } from './create-household.ts';
import { loadHouseholdDetail } from './household-detail.ts';
import { removeHousehold } from './remove-household.ts';
import { removeMember } from './remove-member.ts';
import { updateHousehold } from './update-household.ts';
import { updateMember } from './update-member.ts';
import type { WriteContext } from './write-context.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() }).strict();

/**
 * Creating and editing households and their members (households:write, within the caller's
 * scope). Bodies are strict: a field the API does not take (is_key, a region path, a district)
 * is refused with 422 and nothing changes. Responses show personal data masked.
 */
export const householdWriteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { households, regions } = app.ctx.repositories;
  const { cipher } = app.ctx;
  const contextOf = (principal: Principal, ip: string): WriteContext => ({
    db: app.ctx.database.db,
    cipher,
    principal,
    actor: { principal, districtCode: principal.districtCode, sourceIp: ip },
  });
  const detail = async (principal: Principal, id: string) => {
    const found = await loadHouseholdDetail(households, regions, cipher, principal, id);
    if (!found) throw new AppError('NOT_FOUND', 'No such household.');
    return found;
  };

  app.post(
    '/api/v1/households',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['households'],
        summary: 'Register a household in a grid of the scope (code generated when absent)',
        body: householdCreateSchema,
        response: { 201: householdDetailSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const id = await createHousehold(contextOf(principal, request.ip), request.body);
      return reply.code(201).send(await detail(principal, id));
    },
  );

  app.patch(
    '/api/v1/households/:id',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['households'],
        summary: "Change a household's address, grid or tags",
        params: idParams,
        body: householdPatchSchema,
        response: { 200: householdDetailSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      await updateHousehold(contextOf(principal, request.ip), request.params.id, request.body);
      return detail(principal, request.params.id);
    },
  );

  app.post(
    '/api/v1/households/:id/remove',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['households'],
        summary: 'Mark a household as moved out (hidden from then on)',
        params: idParams,
        body: householdRemoveSchema,
        response: { 200: householdRemovedSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const at = await removeHousehold(
        contextOf(principal, request.ip),
        request.params.id,
        request.body.reason,
      );
      return { id: request.params.id, removedAt: at.toISOString() };
    },
  );

  app.post(
    '/api/v1/households/:id/members',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['households'],
        summary: 'Add a member (ID number and phone validated, stored encrypted, answered masked)',
        params: idParams,
        body: memberCreateSchema,
        response: { 201: memberSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const member = await addMember(contextOf(principal, request.ip), request.params.id, request.body);
      return reply.code(201).send(member);
    },
  );

  app.patch(
    '/api/v1/households/:id/members/:memberId',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['households'],
        summary: "Change a member's fields (null clears the ID number or phone)",
        params: memberParams,
        body: memberPatchSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const { id, memberId } = request.params;
      return updateMember(contextOf(principal, request.ip), id, memberId, request.body);
    },
  );

  app.delete(
    '/api/v1/households/:id/members/:memberId',
    {
      config: { access: 'households:write' },
      schema: {
        tags: ['households'],
        summary: 'Take a member off the household (moved out, died)',
        params: memberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const { id, memberId } = request.params;
      await removeMember(contextOf(principal, request.ip), id, memberId);
      return reply.code(204).send(null);
    },
  );
};
