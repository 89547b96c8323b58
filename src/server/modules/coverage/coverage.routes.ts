import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  coverageQuerySchema,
  coverageReportSchema,
  quotaQuerySchema,
  quotaReportSchema,
  unvisitedPageSchema,
  unvisitedQuerySchema,
  visitDayListSchema,
  visitDayQuerySchema,
} from '../../../shared/domain/coverage.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createVisitPlanRepository } from '../visit-plans/visit-plans.repository.ts';
import { createCoverageRepository } from './coverage.repository.ts';
import { coverageReport } from './coverage-report.ts';
import { listUnvisited } from './list-unvisited.ts';
import { nextVisitDayList } from './next-visit-day.ts';
import { periodFor, periodView } from './period-query.ts';
import { quotaReport } from './quota-report.ts';
import { SUBJECT_READ, subjectScope } from './subject-scope.ts';

/** Coverage and quota progress per unit and period, and each worker's visit-day list (visits:read). */
export const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.database;
  const { regions } = app.ctx.repositories;
  const coverage = createCoverageRepository(db);
  const plans = createVisitPlanRepository(db);

  app.get(
    '/api/v1/coverage',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['coverage'],
        summary: 'Coverage of a region and its child units in a period',
        querystring: coverageQuerySchema,
        response: { 200: coverageReportSchema },
      },
    },
    async (request) => {
      const scope = scopeFor(request.principal as Principal, 'visits:read');
      const region = await regionInScope(regions, scope, request.query.regionId);
      const period = periodFor(request.query.period, request.query.at, new Date());
      return { period: periodView(period), ...(await coverageReport(coverage, scope, region, period)) };
    },
  );

  app.get(
    '/api/v1/coverage/unvisited',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['coverage'],
        summary: 'Households or enterprises not yet visited in the period, key households first',
        querystring: unvisitedQuerySchema,
        response: { 200: unvisitedPageSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:read');
      const { regionId, target, at, after, limit } = request.query;
      // Addresses and names are the subject's own record: a liaison may list enterprises, not households.
      if (!principal.permissions.has(SUBJECT_READ[target]))
        throw new AppError('FORBIDDEN', `This needs the ${SUBJECT_READ[target]} permission.`);
      const region = await regionInScope(regions, scope, regionId);
      const now = new Date();
      const period = periodFor(request.query.period, at, now);
      const page = await listUnvisited(coverage, {
        scope: subjectScope(principal, target),
        path: region.path,
        target,
        period,
        now,
        after,
        limit,
      });
      return { period: periodView(period), ...page };
    },
  );

  app.get(
    '/api/v1/coverage/quota',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['coverage'],
        summary: 'Each visiting worker’s progress against the quota and night-visit rules that apply',
        querystring: quotaQuerySchema,
        response: { 200: quotaReportSchema },
      },
    },
    async (request) => {
      const scope = scopeFor(request.principal as Principal, 'visits:read');
      const region = await regionInScope(regions, scope, request.query.regionId);
      const items = await quotaReport(coverage, plans, {
        districtCode: scope.districtCode,
        path: region.path,
        periodKind: request.query.period,
        at: request.query.at,
        now: new Date(),
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/visit-days/next',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['coverage'],
        summary: 'A worker’s list for their next visit day (default: the caller)',
        querystring: visitDayQuerySchema,
        response: { 200: visitDayListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:read');
      const userId = request.query.userId ?? principal.userId;
      const user = await plans.planUser(principal.districtCode, userId);
      // Someone else's list only when one of their grants lies in the caller's scope.
      const reachable =
        user && (user.id === principal.userId || user.grants.some((g) => pathInScope(g.path, scope)));
      if (!user || !reachable) throw new AppError('NOT_FOUND', 'No such user.');
      return nextVisitDayList(coverage, plans, {
        scopes: {
          household: subjectScope(principal, 'household'),
          enterprise: subjectScope(principal, 'enterprise'),
        },
        user,
        from: request.query.from,
        now: new Date(),
        limit: request.query.limit,
      });
    },
  );
};
