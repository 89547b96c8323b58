import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
import { readScorePoints } from './read-points.ts';
import { readScores } from './read-scores.ts';
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
};
