import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSurveySchema,
  publicSurveyAnswerSchema,
  publicSurveySchema,
  recordSurveyAnswerSchema,
  surveyAnswerReceiptSchema,
  surveyInvitationsSchema,
  surveyListSchema,
  surveyResultsSchema,
  surveySchema,
} from '../../../shared/domain/surveys.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { answerPublicly } from './answer-publicly.ts';
import { answerSurvey } from './answer-survey.ts';
import { createSurvey } from './create-survey.ts';
import { listSurveys, publicSurvey, readSurvey, surveyInvitations } from './read-surveys.ts';
import type { SurveyContext } from './survey-context.ts';
import { surveyResults } from './survey-results.ts';

/** Public answers per address and minute: a household or two, not a script trying codes. */
export const PUBLIC_SURVEY_ANSWERS_PER_MINUTE = 10;

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * Resident satisfaction surveys (民意测评, issue 14 §5): created by leaders (figures:publish),
 * answered by staff by phone or visit (visits:write), read with their results (visits:read).
 */
export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher } = app.ctx;
  const ctxOf = (principal: Principal, ip: string): SurveyContext => ({
    db,
    principal,
    actor: actorOf(principal, ip),
    now: new Date(),
    cipher,
  });

  app.get(
    '/api/v1/surveys',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['surveys'],
        summary: 'The surveys of a place: of it, below it, or of the street it is part of',
        querystring: z.object({ regionId: z.uuid() }).strict(),
        response: { 200: surveyListSchema },
      },
    },
    async (request) => listSurveys(db, request.principal as Principal, request.query.regionId),
  );

  app.post(
    '/api/v1/surveys',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['surveys'],
        summary: 'A survey of the households of a community or street (3–8 questions); audited',
        body: createSurveySchema,
        response: { 201: surveySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSurvey(ctxOf(request.principal as Principal, request.ip), request.body)),
  );

  app.get(
    '/api/v1/surveys/:id',
    {
      config: { access: 'visits:read' },
      schema: { tags: ['surveys'], summary: 'One survey', params: idParams, response: { 200: surveySchema } },
    },
    async (request) => readSurvey(db, request.principal as Principal, request.params.id),
  );

  app.get(
    '/api/v1/surveys/:id/results',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['surveys'],
        summary: "A survey's results per community, beside the case satisfaction rate of its days",
        params: idParams,
        response: { 200: surveyResultsSchema },
      },
    },
    async (request) => surveyResults(db, request.principal as Principal, request.params.id),
  );

  app.get(
    '/api/v1/surveys/:id/invitations',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['surveys'],
        summary: "The invitation code of each of the survey's households, to print on its invitation",
        params: idParams,
        response: { 200: surveyInvitationsSchema },
      },
    },
    async (request) => surveyInvitations(db, cipher, request.principal as Principal, request.params.id),
  );

  app.post(
    '/api/v1/surveys/:id/answers',
    {
      config: { access: 'visits:write' },
      schema: {
        tags: ['surveys'],
        summary: "Record a household's answer heard by phone or on a visit, once per household; audited",
        params: idParams,
        body: recordSurveyAnswerSchema,
        response: { 201: surveyAnswerReceiptSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await answerSurvey(
            ctxOf(request.principal as Principal, request.ip),
            request.params.id,
            request.body,
          ),
        ),
  );
};

/** The public survey page (no account): the questions, and one answer per invitation code. */
export const publicSurveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher } = app.ctx;

  app.get(
    '/api/v1/public/surveys/:id',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: "A survey's title, place, days and questions (no account)",
        params: idParams,
        response: { 200: publicSurveySchema },
      },
    },
    async (request) => publicSurvey(db, request.params.id),
  );

  app.post(
    '/api/v1/public/surveys/:id/answers',
    {
      config: {
        access: 'public',
        rateLimit: { max: PUBLIC_SURVEY_ANSWERS_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['public'],
        summary: "A resident's answer with the household's invitation code; once per household",
        params: idParams,
        body: publicSurveyAnswerSchema,
        response: { 201: surveyAnswerReceiptSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await answerPublicly(
            { db, cipher, sourceIp: request.ip, now: new Date() },
            request.params.id,
            request.body,
          ),
        ),
  );
};
