import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdMentorPairSchema,
  createMentorPairSchema,
  endMentorPairSchema,
  mentorCandidateListSchema,
  mentorCandidateQuerySchema,
  mentorPairListQuerySchema,
  mentorPairListSchema,
  mentorPairSchema,
  myMenteesSchema,
} from '../../../shared/domain/mentoring.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { regionPathFilter } from '../regions/region-filter.ts';
import { endMentorPair } from './end-mentor-pair.ts';
import { myMentees, toPairs } from './mentor-pair-view.ts';
import { createMentoringRepository } from './mentoring.repository.ts';
import { pairMentor } from './pair-mentor.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** Mentor and mentee pairs (结对帮带). */
export const mentoringRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.database;
  const { regions } = app.ctx.repositories;
  const pairs = createMentoringRepository(db);

  /** `end` where the caller plans visits over the mentee. */
  const mayEnd = async (principal: Principal, menteeIds: string[]) => {
    const plan = scopeFor(principal, 'visits:plan');
    const allowed = new Set<string>();
    if (plan.paths.length === 0) return allowed;
    // Listed mentees stand in the read scope: when planning reaches all of it, it reaches them all.
    const read = scopeFor(principal, 'visits:read');
    if (read.paths.every((p) => pathInScope(p, plan))) return new Set(menteeIds);
    for (const id of new Set(menteeIds)) if (await pairs.userInScope(plan, id)) allowed.add(id);
    return allowed;
  };

  app.get(
    '/api/v1/mentor-pairs',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['mentoring'],
        summary: "Mentor pairs whose mentee stands in the caller's scope",
        querystring: mentorPairListQuerySchema,
        response: { 200: mentorPairListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:read');
      const { regionId, open } = request.query;
      const rows = await pairs.list(scope, {
        ...(await regionPathFilter(regions, scope, regionId)),
        ...(open ? { open: open === 'true' } : {}),
      });
      const ending = await mayEnd(
        principal,
        rows.filter((r) => r.ended_on === null).map((r) => r.mentee_id),
      );
      return {
        items: await toPairs(pairs, rows, (r) => ending.has(r.mentee_id)),
        actions: scopeFor(principal, 'visits:plan').paths.length > 0 ? ['create' as const] : [],
      };
    },
  );

  app.get(
    '/api/v1/mentor-pairs/mine',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['mentoring'],
        summary: "The caller's mentees and their recent visits, for review",
        response: { 200: myMenteesSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return myMentees(db, pairs, scopeFor(principal, 'visits:read'), principal.userId);
    },
  );

  app.get(
    '/api/v1/mentor-pairs/candidates',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['mentoring'],
        summary: "Active accounts standing in the planner's scope, to pair",
        querystring: mentorCandidateQuerySchema,
        response: { 200: mentorCandidateListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:plan');
      const { regionPath } = await regionPathFilter(regions, scope, request.query.regionId);
      const rows = await pairs.candidates(scope, regionPath);
      const names = await pairs.scopeNames(
        principal.districtCode,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          displayName: r.display_name,
          scopeName: names.get(r.id) ?? '',
          roles: r.roles ? r.roles.split(',').sort() : [],
        })),
      };
    },
  );

  app.post(
    '/api/v1/mentor-pairs',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['mentoring'],
        summary: 'Pair a mentor with a mentee',
        body: createMentorPairSchema,
        response: { 201: createdMentorPairSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const id = await pairMentor(db, principal, actorOf(principal, request.ip), request.body);
      reply.code(201);
      return { id };
    },
  );

  app.patch(
    '/api/v1/mentor-pairs/:id',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['mentoring'],
        summary: 'End a pair',
        params: idParams,
        body: endMentorPairSchema,
        response: { 200: mentorPairSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      await endMentorPair(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body.endedOn,
      );
      const row = await pairs.findInScope(scopeFor(principal, 'visits:plan'), request.params.id);
      if (!row) throw new AppError('NOT_FOUND', 'No such pair.');
      const [pair] = await toPairs(pairs, [row], () => false);
      return pair as z.infer<typeof mentorPairSchema>;
    },
  );
};
