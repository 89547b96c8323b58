import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordSchema,
  enrollConfirmResponseSchema,
  enrollmentSchema,
  loginRequestSchema,
  loginResponseSchema,
  meSchema,
  recoveryRequestSchema,
  totpRequestSchema,
} from '../../../shared/domain/auth.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { SESSION_COOKIE } from './auth.service.ts';
import type { Principal } from './principal.ts';

// Sign-in endpoints are throttled harder than the global limit. The password step per address, as
// a burst guard (argon2 costs CPU) high enough for an office signing in behind one address —
// guessing itself is throttled per account and per (address, account) in auth.service.ts. The
// steps after it per session, so that people behind one address do not share one allowance.
const PASSWORD_STEP_RATE = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const SIGN_IN_RATE = {
  rateLimit: {
    max: 20,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) =>
      request.principal ? `session:${request.principal.sessionId}` : request.ip,
  },
};

function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return request.principal;
}

/**
 * Sign-in (password, then TOTP or enrolment, then a password change when due), sign-out, me. A
 * passed second factor sets a new session cookie: the one from the password step stops working.
 */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth } = app.ctx.services;
  const { session } = app.ctx.config;
  const setCookie = (reply: FastifyReply, value: string, maxAge: number) =>
    reply.setCookie(SESSION_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: session.cookieSecure,
      maxAge,
    });

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', ...PASSWORD_STEP_RATE },
      schema: {
        tags: ['auth'],
        summary: 'Password step of signing in',
        body: loginRequestSchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await auth.signIn({ ...request.body, sourceIp: request.ip });
      setCookie(reply, result.cookie.value, result.cookie.maxAgeSeconds);
      return { next: result.next };
    },
  );

  app.post(
    '/api/v1/auth/totp',
    {
      config: { access: 'signing-in', ...SIGN_IN_RATE },
      schema: {
        tags: ['auth'],
        summary: 'Second factor: a TOTP code',
        body: totpRequestSchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request, reply) => {
      const { next, cookie } = await auth.verifyTotp(principalOf(request), request.body.code, request.ip);
      setCookie(reply, cookie.value, cookie.maxAgeSeconds);
      return { next };
    },
  );

  app.post(
    '/api/v1/auth/recovery',
    {
      config: { access: 'signing-in', ...SIGN_IN_RATE },
      schema: {
        tags: ['auth'],
        summary: 'Second factor: a one-time recovery code',
        body: recoveryRequestSchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request, reply) => {
      const { next, cookie } = await auth.useRecoveryCode(
        principalOf(request),
        request.body.code,
        request.ip,
      );
      setCookie(reply, cookie.value, cookie.maxAgeSeconds);
      return { next };
    },
  );

  app.post(
    '/api/v1/auth/totp/enroll',
    {
      config: { access: 'signing-in' },
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling an authenticator app',
        body: z.object({}).strict(),
        response: { 200: enrollmentSchema },
      },
    },
    async (request) => auth.startEnrollment(principalOf(request)),
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    {
      config: { access: 'signing-in', ...SIGN_IN_RATE },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the authenticator with a code; returns recovery codes once',
        body: totpRequestSchema,
        response: { 200: enrollConfirmResponseSchema },
      },
    },
    async (request, reply) => {
      const { next, recoveryCodes, cookie } = await auth.confirmEnrollment(
        principalOf(request),
        request.body.code,
        request.ip,
      );
      setCookie(reply, cookie.value, cookie.maxAgeSeconds);
      return { next, recoveryCodes };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'signing-in', ...SIGN_IN_RATE },
      schema: {
        tags: ['auth'],
        summary: 'Change the password',
        body: changePasswordSchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!principal.mfaPassed) throw new AppError('UNAUTHENTICATED', 'Pass the second factor first.');
      return {
        next: await auth.changePassword(
          principal,
          request.body.currentPassword,
          request.body.newPassword,
          request.ip,
        ),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'signing-in' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out (revokes the session)',
        body: z.object({}).strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.signOut(principalOf(request), request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meSchema } },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        id: p.userId,
        username: p.username,
        displayName: p.displayName,
        districtCode: p.districtCode,
        demo: p.demo,
        roles: p.grants.map((g) => ({
          role: g.role,
          scopeRegionId: g.scopeRegionId,
          scopeName: g.scopeName,
        })),
        permissions: [...p.permissions].sort(),
      };
    },
  );
};
