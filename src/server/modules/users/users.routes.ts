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
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import {
  type AccountChange,
  createManagedUser,
  deactivateUser,
  listUsers,
  replaceGrants,
  viewerOf,
} from './manage-users.ts';
import { resetAuthenticator, resetPassword } from './reset-credentials.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const emptyBody = z.object({}).strict();

/** Accounts and role grants: the security administrator's duty (三员). */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  /** The account a route acts on, and who acts. */
  const targetOf = (request: {
    principal?: Principal;
    ip: string;
    params: { id: string };
  }): AccountChange => {
    const principal = request.principal as Principal;
    return {
      districtCode: principal.districtCode,
      userId: request.params.id,
      actor: actorOf(principal, request.ip),
    };
  };

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
    async (request) => replaceGrants(db, { ...targetOf(request), grants: request.body.grants }),
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
    async (request) => deactivateUser(db, targetOf(request)),
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
    async (request) => resetPassword(db, targetOf(request)),
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
    async (request) => resetAuthenticator(db, targetOf(request)),
  );
};
