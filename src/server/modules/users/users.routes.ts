import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdUserSchema,
  createUserSchema,
  replaceGrantsSchema,
  userListQuerySchema,
  userListSchema,
  userSchema,
} from '../../../shared/domain/user.ts';
import type { Principal } from '../auth/principal.ts';
import { createManagedUser, deactivateUser, listUsers, replaceGrants, viewerOf } from './manage-users.ts';
import { resetAuthenticator, resetPassword } from './reset-credentials.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const emptyBody = z.object({}).strict();

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
      schema: {
        tags: ['users'],
        summary: 'Accounts of the district, optionally filtered by name, role and state',
        querystring: userListQuerySchema,
        response: { 200: userListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const { q, role, active } = request.query;
      const filter = { q, role, active: active === undefined ? undefined : active === 'true' };
      return { items: await listUsers(db, principal.districtCode, filter, viewerOf(principal)) };
    },
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
        body: emptyBody,
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

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['users'],
        summary: 'Reset a password: a new one-time password (shown once), sessions end',
        params: idParams,
        body: emptyBody,
        response: { 200: createdUserSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return resetPassword(db, {
        districtCode: principal.districtCode,
        userId: request.params.id,
        actor: actorOf(principal, request.ip),
      });
    },
  );

  app.post(
    '/api/v1/users/:id/reset-totp',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['users'],
        summary: 'Reset the authenticator: the user enrols again at the next sign-in, sessions end',
        params: idParams,
        body: emptyBody,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return resetAuthenticator(db, {
        districtCode: principal.districtCode,
        userId: request.params.id,
        actor: actorOf(principal, request.ip),
      });
    },
  );
};
