import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  closeScorePeriodSchema,
  reopenScorePeriodSchema,
  scorePeriodPointsQuerySchema,
  scorePeriodSummarySchema,
  scorePeriodTableQuerySchema,
  scorePeriodTableSchema,
} from '../../../shared/domain/score-periods.ts';
import {
  scoreRulesViewSchema,
  scoreRuleVersionInputSchema,
  scoreRuleVersionSchema,
} from '../../../shared/domain/score-rules.ts';
import {
  scorePointsPageSchema,
  scorePointsQuerySchema,
  scoresQuerySchema,
  scoreTableSchema,
} from '../../../shared/domain/scores.ts';
import { calendarDaySchema } from '../../../shared/validation/dates.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { closeScorePeriod } from './close-period.ts';
import { listScorePeriods, readScorePeriod, readScorePeriodPoints } from './closed-periods.ts';
import { readScorePoints } from './read-points.ts';
import { readScores } from './read-scores.ts';
import { reopenScorePeriod } from './reopen-period.ts';
import { createScoreRuleVersion, viewScoreRules } from './score-rules.ts';

/**
 * Scoring and evaluation (issue 14): the rules a district or street scores its communities,
 * handling units and sent-down cadres by — read by whoever sees the place, written by leaders who
 * publish figures there, audited.
 */
export const scoresRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/scores/rules',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['scores'],
        summary: 'The scoring rules of a place on a day, with the versions of its street and district',
        querystring: z.object({ regionId: z.uuid(), at: calendarDaySchema.optional() }).strict(),
        response: { 200: scoreRulesViewSchema },
      },
    },
    async (request) => viewScoreRules(db, request.principal as Principal, request.query, new Date()),
  );

  app.post(
    '/api/v1/scores/rules',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['scores'],
        summary:
          "A new version of a district's or street's scoring rules, from an assessment month's first day; audited",
        body: scoreRuleVersionInputSchema,
        response: { 201: scoreRuleVersionSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const created = await createScoreRuleVersion(
        db,
        principal,
        actorOf(principal, request.ip),
        request.body,
        new Date(),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/scores',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['scores'],
        summary:
          "The live scores of a district's or street's communities, handling units or cadres for a period, per peer group",
        querystring: scoresQuerySchema,
        response: { 200: scoreTableSchema },
      },
    },
    async (request) => readScores(db, request.principal as Principal, request.query, new Date()),
  );

  app.get(
    '/api/v1/scores/points',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['scores'],
        summary:
          "One subject's points in a live score table, each with the fact that earned it, page by page",
        querystring: scorePointsQuerySchema,
        response: { 200: scorePointsPageSchema },
      },
    },
    async (request) => readScorePoints(db, request.principal as Principal, request.query, new Date()),
  );

  app.post(
    '/api/v1/score-periods',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['scores'],
        summary:
          "Closes a district's or street's ended period: its scores and points are stored as they are; audited with their digest",
        body: closeScorePeriodSchema,
        response: { 201: scorePeriodSummarySchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const closed = await closeScorePeriod(
        db,
        principal,
        actorOf(principal, request.ip),
        request.body,
        new Date(),
      );
      return reply.status(201).send(closed);
    },
  );

  app.get(
    '/api/v1/score-periods',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['scores'],
        summary:
          'Closed and reopened score periods the caller sees (as published league tables), newest first',
        querystring: z.object({ regionId: z.uuid().optional() }).strict(),
        response: { 200: z.array(scorePeriodSummarySchema) },
      },
    },
    async (request) => listScorePeriods(db, request.principal as Principal, request.query.regionId),
  );

  app.get(
    '/api/v1/score-periods/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['scores'],
        summary: "A closed period's frozen table of one kind of subject, per peer group",
        params: z.object({ id: z.uuid() }),
        querystring: scorePeriodTableQuerySchema,
        response: { 200: scorePeriodTableSchema },
      },
    },
    async (request) =>
      readScorePeriod(db, request.principal as Principal, request.params.id, request.query.subjects),
  );

  app.get(
    '/api/v1/score-periods/:id/points',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['scores'],
        summary: "One subject's frozen points in a closed period, page by page",
        params: z.object({ id: z.uuid() }),
        querystring: scorePeriodPointsQuerySchema,
        response: { 200: scorePointsPageSchema },
      },
    },
    async (request) =>
      readScorePeriodPoints(db, request.principal as Principal, request.params.id, request.query),
  );

  app.post(
    '/api/v1/score-periods/:id/reopen',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['scores'],
        summary: 'Reopens a closed period (district-wide leaders, with a reason); audited',
        params: z.object({ id: z.uuid() }),
        body: reopenScorePeriodSchema,
        response: { 200: scorePeriodSummarySchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return reopenScorePeriod(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body.reason,
        new Date(),
      );
    },
  );
};
