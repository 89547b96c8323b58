import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdUserSchema,
  createUserSchema,
  replaceGrantsSchema,
  userListSchema,
  userSchema,
} from '../../../shared/domain/user.ts';
import type { Principal } from '../auth/principal.ts';
import { createManagedUser, deactivateUser, listUsers, replaceGrants } from './manage-users.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** Accounts and role grants: the security administrator's duty (三员). */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const actorOf = (principal: Principal, ip: string) => ({
    principal,
    districtCode: principal.districtCode,
    sourceIp: ip,
  });

  app.get(
    '/api/v1/users',
    {
      config: { access: 'users:read' },
      schema: { tags: ['users'], summary: 'Accounts of the district', response: { 200: userListSchema } },
    },
    async (request) => ({ items: await listUsers(db, (request.principal as Principal).districtCode) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['users'],
        summary: 'Create an account (returns a one-time password once)',
        body: createUserSchema,
        response: { 201: createdUserSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const created = await createManagedUser(db, {
        districtCode: principal.districtCode,
        ...request.body,
        actor: actorOf(principal, request.ip),
      });
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/api/v1/users/:id/grants',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['users'],
        summary: "Replace an account's role grants (ends its sessions)",
        params: idParams,
        body: replaceGrantsSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return replaceGrants(db, {
        districtCode: principal.districtCode,
        userId: request.params.id,
        grants: request.body.grants,
        actor: actorOf(principal, request.ip),
      });
    },
  );

  app.post(
    '/api/v1/users/:id/deactivate',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['users'],
        summary: 'Deactivate an account (its sessions end at once)',
        params: idParams,
        body: z.object({}).strict(),
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return deactivateUser(db, {
        districtCode: principal.districtCode,
        userId: request.params.id,
        actor: actorOf(principal, request.ip),
      });
    },
  );
};
