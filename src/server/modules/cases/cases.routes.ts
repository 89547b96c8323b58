import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_ACTIONS, type CaseAction, type CaseState } from '../../../shared/cases/workflow.ts';
import {
  ACTION_BODIES,
  actionResultSchema,
  bulkActionSchema,
  bulkResultSchema,
  caseDetailSchema,
  caseListSchema,
  caseQueueQuerySchema,
  createCaseSchema,
  createdCaseSchema,
  savedViewInputSchema,
  savedViewListSchema,
} from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { CURSOR_KEYS, decodeCursor, pageBody, pageOffset } from '../../http/cursor.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import { regionPathFilter } from '../regions/region-filter.ts';
import { bulkAction } from './bulk-actions.ts';
import { CASE_USE_CASES } from './case-actions.ts';
import { caseDetail } from './case-detail.ts';
import { nextCaseNumber } from './case-numbers.ts';
import { createCaseReadRepository } from './case-read.repository.ts';
import { createCaseViewRepository } from './case-views.repository.ts';
import { handlingReach, listItem } from './case-views.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { checkIdempotencyKey, idempotent } from './idempotency.ts';
import { deleteView, saveView } from './saved-views.ts';
import { submitCase } from './submit-case.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** The URL segment of an action: `resolve_on_spot` → `resolve-on-spot`. */
export const actionPath = (action: CaseAction) => action.replaceAll('_', '-');

/** `If-Match: "7"` (or W/"7", or 7) → 7; missing → 428; not a version → 412 like any stale tag. */
export function ifMatchVersion(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') {
    throw new AppError('PRECONDITION_REQUIRED', 'Send If-Match with the ETag of the case you read.');
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!match) throw new AppError('PRECONDITION_FAILED', 'If-Match does not name a version of this case.');
  return Number(match[1]);
}

const etag = (version: number) => `"${version}"`;

/**
 * Cases: intake, the queue views, the case page and every workflow action. Changes carry the
 * version read (If-Match); creates may carry an Idempotency-Key.
 */
export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
  const contextOf = (request: FastifyRequest): CaseWriteContext => {
    const principal = request.principal as Principal;
    return { db, principal, actor: actorOf(principal, request.ip), now: new Date() };
  };
  const sendDetail = async (request: FastifyRequest, reply: FastifyReply, id: string, status = 200) => {
    const detail = await caseDetail(db, cipher, request.principal as Principal, id);
    return reply.code(status).header('ETag', etag(detail.version)).send(detail);
  };

  app.post(
    '/api/v1/cases',
    {
      config: { access: 'cases:create' },
      schema: {
        tags: ['cases'],
        summary: 'Take in a case (any channel); retried safely with an Idempotency-Key',
        body: createCaseSchema,
        response: { 201: createdCaseSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const key = checkIdempotencyKey(request.headers['idempotency-key'] as string | undefined);
      const result = await idempotent<{ id: string; number: string; version: number }>(
        db,
        {
          ref: { districtCode: ctx.principal.districtCode, owner: ctx.principal.userId },
          key,
          body: request.body,
          days: config.cases.idempotencyDays,
          status: 201,
          free: true,
        },
        async (complete) => {
          // The number is reserved before the case's statement (see case-numbers.ts).
          const number = await nextCaseNumber(db, ctx.principal.districtCode, ctx.now);
          return submitCase({ ...ctx, cipher }, request.body, {
            number,
            alsoWrite: complete,
            inOneStatement: true,
          });
        },
      );
      if (result.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.code(201).header('ETag', etag(result.body.version)).send(result.body);
    },
  );

  app.get(
    '/api/v1/cases',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary:
          'A queue view of cases in scope (queue, inbox, mine, supervision) with its total; by cursor or page number',
        querystring: caseQueueQuerySchema,
        response: { 200: caseListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const query = request.query;
      const regionFilter = await regionPathFilter(
        app.ctx.repositories.regions,
        scopeFor(principal, 'regions:read'),
        query.regionId,
      );
      const now = new Date();
      const offset = pageOffset(query.page, query.limit, query.after);
      const page = await createCaseReadRepository(db).queue(
        caseScopeFor(principal),
        query,
        { userId: principal.userId, ...handlingReach(principal) },
        now,
        {
          ...regionFilter,
          offset,
          ...(query.after ? { after: decodeCursor(query.after, CURSOR_KEYS.instant) } : {}),
        },
      );
      return {
        ...pageBody(page, (r) => new Date(r.sort_key).toISOString(), listItem),
        totalCapped: page.totalCapped,
      };
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'The case page: record, timeline, clocks, tasks, files, links and your actions (ETag)',
        params: idParams,
        response: { 200: caseDetailSchema },
      },
    },
    async (request, reply) => sendDetail(request, reply, request.params.id),
  );

  for (const action of CASE_ACTIONS) {
    app.post(
      `/api/v1/cases/:id/${actionPath(action)}`,
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['cases'],
          summary: `Workflow action "${action}" (If-Match required; the workflow decides who may)`,
          params: idParams,
          body: ACTION_BODIES[action],
          response: { 200: actionResultSchema },
        },
      },
      async (request, reply) => {
        const version = ifMatchVersion(request.headers['if-match']);
        const useCase = CASE_USE_CASES[action] as (
          ctx: CaseWriteContext,
          id: string,
          version: number,
          body: unknown,
        ) => Promise<{ id: string; version: number; state: CaseState }>;
        const done = await useCase(contextOf(request), request.params.id, version, request.body);
        try {
          return await sendDetail(request, reply, request.params.id);
        } catch (error) {
          // The change committed; the caller just no longer sees the case (a unit escalated it).
          if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
          return reply.header('ETag', etag(done.version)).send({ ...done, outOfReach: true as const });
        }
      },
    );
  }

  app.post(
    '/api/v1/cases/bulk',
    {
      config: { access: 'cases:dispatch' },
      schema: {
        tags: ['cases'],
        summary: 'Accept or dispatch several cases, each with the version seen; a result per case',
        body: bulkActionSchema,
        response: { 200: bulkResultSchema },
      },
    },
    async (request) => bulkAction(contextOf(request), request.body),
  );

  app.get(
    '/api/v1/case-views',
    {
      config: { access: 'cases:read' },
      schema: { tags: ['cases'], summary: 'Your saved queue views', response: { 200: savedViewListSchema } },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const rows = await createCaseViewRepository(db).list(principal.districtCode, principal.userId);
      return { items: rows.map((r) => ({ id: r.id, name: r.name, filters: r.filters })) };
    },
  );

  app.post(
    '/api/v1/case-views',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'Save the current queue filters under a name',
        body: savedViewInputSchema,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await saveView(contextOf(request), request.body) }),
  );

  app.delete(
    '/api/v1/case-views/:id',
    {
      config: { access: 'cases:read' },
      schema: { tags: ['cases'], summary: 'Delete one of your saved views', params: idParams },
    },
    async (request, reply) => {
      await deleteView(contextOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
