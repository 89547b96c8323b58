import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  figureBreakdownQuerySchema,
  figureBreakdownSchema,
  figuresQuerySchema,
  figuresReportSchema,
  provinceFiguresQuerySchema,
  provinceFiguresSchema,
} from '../../../shared/domain/figures.ts';
import type { Principal } from '../auth/principal.ts';
import { readFigureBreakdown } from './read-figure-breakdown.ts';
import { readFigures } from './read-figures.ts';
import { readProvinceFigures } from './read-province-figures.ts';

/** The figures leaders read (docs/specs/workflow.md "Figures"): a place's, for a period and the one before. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/figures',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['figures'],
        summary: "A place's case and visit figures for a period and the previous one",
        querystring: figuresQuerySchema,
        response: { 200: figuresReportSchema },
      },
    },
    async (request) =>
      readFigures(app.ctx.database.db, request.principal as Principal, request.query, new Date()),
  );

  app.get(
    '/api/v1/figures/breakdown',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['figures'],
        summary: "A place's figures for a period by child place, category, handling unit or day",
        querystring: figureBreakdownQuerySchema,
        response: { 200: figureBreakdownSchema },
      },
    },
    async (request) =>
      readFigureBreakdown(app.ctx.database.db, request.principal as Principal, request.query, new Date()),
  );

  // Every district's totals: on Citus one statement per kind, which each worker answers for its
  // districts; the holder's own district and scope do not limit it (roles.ts 'figures:province').
  app.get(
    '/api/v1/figures/province',
    {
      config: { access: 'figures:province' },
      schema: {
        tags: ['figures'],
        summary: "Each district's and the province's headline figures for a period",
        querystring: provinceFiguresQuerySchema,
        response: { 200: provinceFiguresSchema },
      },
    },
    async (request) => readProvinceFigures(app.ctx.database.db, request.query, new Date()),
  );
};
