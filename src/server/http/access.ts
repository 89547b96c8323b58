import cookie from '@fastify/cookie';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteAccess } from '../../shared/auth/roles.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { runTransaction } from '../db/retry.ts';
import { audit } from '../modules/audit/audit.ts';
import { SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import type { Principal } from '../modules/auth/principal.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs (docs/specs/trust.md §6): every route declares it; a test walks the router. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyInstance {
    /** Every route registered, with its declared access, for the router-walk test. */
    routeTable: { method: string; url: string; access: RouteAccess | undefined }[];
  }
}

/** Routes that plugins register (API docs, static web files) are public by this one decision. */
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs'];

/** @fastify/static's routes: one per built file (it marks them with `config.rootPath`), and the root. */
function isStaticWebRoute(route: RouteOptions): boolean {
  const config = route.config as { rootPath?: unknown } | undefined;
  return config?.rootPath !== undefined || route.url === '/';
}

/**
 * Authentication and authorization for every request: the session cookie becomes
 * `request.principal`, then the route's declared access is enforced in `preValidation`, before
 * the schema is checked, so a caller the route refuses learns nothing from validation (an anonymous
 * caller gets 401, never 422). A permission denial is audited.
 */
export async function installAccessControl(app: FastifyInstance): Promise<void> {
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    if (
      !config.access &&
      (PLUGIN_PUBLIC_PREFIXES.some((p) => route.url.startsWith(p)) || isStaticWebRoute(route))
    ) {
      route.config = { ...config, access: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      app.routeTable.push({
        method,
        url: route.url,
        access: (route.config as { access?: RouteAccess })?.access,
      });
    }
  });
  await app.register(cookie);

  app.addHook('onRequest', async (request) => {
    const value = request.cookies[SESSION_COOKIE];
    if (value) request.principal = await app.ctx.services.auth.resolve(value);
  });

  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    // A route without a declaration is a programming error; refuse rather than expose it.
    if (!access) throw new AppError('FORBIDDEN', 'This route declares no access rule.');
    if (access === 'public') return;
    const principal = request.principal;
    if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    if (access === 'signing-in') return;
    if (!principal.mfaPassed || principal.mustChangePassword) {
      throw new AppError('UNAUTHENTICATED', 'Finish signing in first.');
    }
    if (access === 'authenticated' || principal.permissions.has(access)) return;
    await runTransaction(app.ctx.database.db, (trx) =>
      audit(
        trx,
        { principal, districtCode: principal.districtCode, sourceIp: request.ip },
        {
          action: 'access.denied',
          result: 'denied',
          detail: { permission: access, route: request.routeOptions.url ?? '' },
        },
      ),
    );
    throw new AppError('FORBIDDEN', `This needs the ${access} permission.`);
  });
}
