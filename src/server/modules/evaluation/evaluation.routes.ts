import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  evaluationRatingSchema,
  evaluationRoundListQuerySchema,
  evaluationRoundSummarySchema,
  evaluationRoundViewSchema,
  openEvaluationRoundSchema,
  rateEvaluationSchema,
} from '../../../shared/domain/evaluation.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { closeEvaluationRound } from './close-round.ts';
import { listEvaluationRounds } from './list-rounds.ts';
import { openEvaluationRound } from './open-round.ts';
import { rateInRound } from './rate.ts';
import { readEvaluationRound } from './read-round.ts';

/**
 * Mutual evaluation (两评, issue 14 §4): rounds opened and closed by leaders who publish figures at
 * the place; read and rated by the people of its communities and departments, whose grants decide
 * for which unit and whom they rate (the use cases check it, beyond the route's permission).
 */
export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const params = z.object({ id: z.uuid() });

  app.post(
    '/api/v1/evaluation-rounds',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['evaluation'],
        summary: 'Opens an evaluation round of a district or street for a period, with its form; audited',
        body: openEvaluationRoundSchema,
        response: { 201: evaluationRoundSummarySchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const round = await openEvaluationRound(
        db,
        principal,
        actorOf(principal, request.ip),
        request.body,
        new Date(),
      );
      return reply.status(201).send(round);
    },
  );

  app.get(
    '/api/v1/evaluation-rounds',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['evaluation'],
        summary: "The evaluation rounds of the places on the caller's branch, newest first",
        querystring: evaluationRoundListQuerySchema,
        response: { 200: z.array(evaluationRoundSummarySchema) },
      },
    },
    async (request) => listEvaluationRounds(db, request.principal as Principal, request.query.regionId),
  );

  app.get(
    '/api/v1/evaluation-rounds/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['evaluation'],
        summary:
          'A round as the caller sees it: the form, whom they may rate with the figures beside it, their own ratings, and the results once closed',
        params,
        response: { 200: evaluationRoundViewSchema },
      },
    },
    async (request) => readEvaluationRound(db, request.principal as Principal, request.params.id),
  );

  app.post(
    '/api/v1/evaluation-rounds/:id/ratings',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['evaluation'],
        summary: "Rates one subject for one of the caller's units, once per unit and subject; audited",
        params,
        body: rateEvaluationSchema,
        response: { 201: evaluationRatingSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const rating = await rateInRound(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body,
        new Date(),
      );
      return reply.status(201).send(rating);
    },
  );

  app.post(
    '/api/v1/evaluation-rounds/:id/close',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['evaluation'],
        summary: "Closes an open round: each subject's results are computed and frozen; audited",
        params,
        response: { 200: evaluationRoundViewSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return closeEvaluationRound(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        new Date(),
      );
    },
  );
};
