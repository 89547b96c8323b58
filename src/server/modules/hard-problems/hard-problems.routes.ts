import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  hardProblemCompleteSchema,
  hardProblemInputSchema,
  hardProblemLinkSchema,
  hardProblemListQuerySchema,
  hardProblemNoteInputSchema,
  hardProblemSchema,
  hardProblemSummarySchema,
  hardProblemUpdateSchema,
  monthlyTopicInputSchema,
  proposalsQuerySchema,
  proposalsSchema,
  topicRankingQuerySchema,
  topicRankingSchema,
} from '../../../shared/domain/hard-problem.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { completeHardProblem } from './complete-item.ts';
import { createHardProblemItem } from './create-item.ts';
import { changeItemCases } from './link-cases.ts';
import { pickMonthlyTopic } from './pick-topic.ts';
import { listHardProblems, readHardProblem } from './read-items.ts';
import { readProposals } from './read-proposals.ts';
import { reportHardProblemProgress } from './report-progress.ts';
import { readTopicRanking } from './topic-ranking.ts';
import { updateHardProblem } from './update-item.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * The hard-problem list (攻坚破难清单) and 每月一题 (issue 14 §7): read by whoever reads cases
 * where the item is (item-access.ts); planned, linked and finished by leaders who publish figures
 * for its place; progress reported by its owning unit. Every write is audited.
 */
export const hardProblemsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const who = (request: { principal?: unknown; ip: string }) => {
    const principal = request.principal as Principal;
    return { principal, actor: actorOf(principal, request.ip) };
  };

  app.get(
    '/api/v1/hard-problems/proposals',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['hard-problems'],
        summary: "The recurring-problem detector's ranked proposals for the list, below a place",
        querystring: proposalsQuerySchema,
        response: { 200: proposalsSchema },
      },
    },
    async (request) => readProposals(db, request.principal as Principal, request.query, new Date()),
  );

  app.get(
    '/api/v1/hard-problems/topics/ranking',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['hard-problems'],
        summary: 'The categories that recurred most across a place in the previous months (每月一题)',
        querystring: topicRankingQuerySchema,
        response: { 200: topicRankingSchema },
      },
    },
    async (request) => readTopicRanking(db, request.principal as Principal, request.query, new Date()),
  );

  app.post(
    '/api/v1/hard-problems/topics',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['hard-problems'],
        summary: "Picks a district's or street's topic of the month: an item of kind monthly_topic; audited",
        body: monthlyTopicInputSchema,
        response: { 201: hardProblemSchema },
      },
    },
    async (request, reply) => {
      const { principal, actor } = who(request);
      return reply.status(201).send(await pickMonthlyTopic(db, principal, actor, request.body, new Date()));
    },
  );

  app.get(
    '/api/v1/hard-problems',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['hard-problems'],
        summary: 'The hard-problem items the caller reads, newest first',
        querystring: hardProblemListQuerySchema,
        response: { 200: z.array(hardProblemSummarySchema) },
      },
    },
    async (request) => listHardProblems(db, request.principal as Principal, request.query, new Date()),
  );

  app.post(
    '/api/v1/hard-problems',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['hard-problems'],
        summary: "Puts an item on a place's hard-problem list, by hand or from a proposal; audited",
        body: hardProblemInputSchema,
        response: { 201: hardProblemSchema },
      },
    },
    async (request, reply) => {
      const { principal, actor } = who(request);
      return reply
        .status(201)
        .send(await createHardProblemItem(db, principal, actor, request.body, new Date()));
    },
  );

  app.get(
    '/api/v1/hard-problems/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['hard-problems'],
        summary: 'One hard-problem item with its milestones, linked cases and progress',
        params: idParams,
        response: { 200: hardProblemSchema },
      },
    },
    async (request) => readHardProblem(db, request.principal as Principal, request.params.id, new Date()),
  );

  app.patch(
    '/api/v1/hard-problems/:id',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['hard-problems'],
        summary: "Changes an item's title, owner, plan, target date or milestones; audited",
        params: idParams,
        body: hardProblemUpdateSchema,
        response: { 200: hardProblemSchema },
      },
    },
    async (request) => {
      const { principal, actor } = who(request);
      return updateHardProblem(db, principal, actor, request.params.id, request.body, new Date());
    },
  );

  app.post(
    '/api/v1/hard-problems/:id/notes',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['hard-problems'],
        summary: "Reports an item's progress (its owning unit or a leader of its place); audited",
        params: idParams,
        body: hardProblemNoteInputSchema,
        response: { 201: hardProblemSchema },
      },
    },
    async (request, reply) => {
      const { principal, actor } = who(request);
      return reply
        .status(201)
        .send(
          await reportHardProblemProgress(db, principal, actor, request.params.id, request.body, new Date()),
        );
    },
  );

  app.post(
    '/api/v1/hard-problems/:id/cases',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['hard-problems'],
        summary: "Links cases to an item: each case's list type becomes hard_problem (a case event); audited",
        params: idParams,
        body: hardProblemLinkSchema,
        response: { 200: hardProblemSchema },
      },
    },
    async (request) => {
      const { principal, actor } = who(request);
      return changeItemCases(
        db,
        principal,
        actor,
        request.params.id,
        { link: request.body.caseIds },
        new Date(),
      );
    },
  );

  app.delete(
    '/api/v1/hard-problems/:id/cases/:caseId',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['hard-problems'],
        summary: 'Unlinks a case from an item; it gets back the list type it had (a case event); audited',
        params: z.object({ id: z.uuid(), caseId: z.uuid() }).strict(),
        response: { 200: hardProblemSchema },
      },
    },
    async (request) => {
      const { principal, actor } = who(request);
      return changeItemCases(
        db,
        principal,
        actor,
        request.params.id,
        { unlink: request.params.caseId },
        new Date(),
      );
    },
  );

  app.post(
    '/api/v1/hard-problems/:id/complete',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['hard-problems'],
        summary: 'Finishes an item as done (solved) or closed, with its result; audited',
        params: idParams,
        body: hardProblemCompleteSchema,
        response: { 200: hardProblemSchema },
      },
    },
    async (request) => {
      const { principal, actor } = who(request);
      return completeHardProblem(db, principal, actor, request.params.id, request.body, new Date());
    },
  );
};
