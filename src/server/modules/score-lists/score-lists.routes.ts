import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveScoreListSchema,
  proposeScoreListSchema,
  scoreListEntriesInputSchema,
  scoreListSchema,
  scoreListSummarySchema,
  scoreListsQuerySchema,
} from '../../../shared/domain/score-lists.ts';
import { sendXlsx } from '../../http/attachment.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { workbookBody } from '../exports/write-workbook.ts';
import { approveScoreList } from './approve-list.ts';
import { prepareScoreListExport, streamScoreListExport } from './export-list.ts';
import { proposeScoreList } from './propose-list.ts';
import { listScoreLists, readScoreList } from './read-lists.ts';
import { updateScoreListEntries } from './update-list.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * Quarterly praise and criticism lists (表扬单 / 批评单, issue 14 §3): proposed, edited and approved
 * by leaders who publish the place's figures; published lists are read and downloaded by every
 * business role whose places lie at, above or below the list's place.
 */
export const scoreListsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/score-lists',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['scores'],
        summary:
          'Praise and criticism lists the caller sees (published; drafts where it publishes), newest first',
        querystring: scoreListsQuerySchema,
        response: { 200: z.array(scoreListSummarySchema) },
      },
    },
    async (request) => listScoreLists(db, request.principal as Principal, request.query),
  );

  app.post(
    '/api/v1/score-lists',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['scores'],
        summary:
          "Proposes a closed quarter's praise (red-listed) or criticism (black-listed) list as a draft; audited",
        body: proposeScoreListSchema,
        response: { 201: scoreListSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const list = await proposeScoreList(
        db,
        principal,
        actorOf(principal, request.ip),
        request.body,
        new Date(),
      );
      return reply.status(201).send(list);
    },
  );

  app.get(
    '/api/v1/score-lists/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['scores'],
        summary: 'One praise or criticism list with its entries',
        params: idParams,
        response: { 200: scoreListSchema },
      },
    },
    async (request) => readScoreList(db, request.principal as Principal, request.params.id),
  );

  app.put(
    '/api/v1/score-lists/:id/entries',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['scores'],
        summary: "A draft list's entries (subjects of its period) and their wording, and its title; audited",
        params: idParams,
        body: scoreListEntriesInputSchema,
        response: { 200: scoreListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return updateScoreListEntries(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body,
        new Date(),
      );
    },
  );

  app.post(
    '/api/v1/score-lists/:id/approve',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['scores'],
        summary:
          "Approves and publishes a draft list: notices to the place's units, a finding per criticism entry; audited",
        params: idParams,
        body: approveScoreListSchema,
        response: { 200: scoreListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return approveScoreList(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body,
        new Date(),
      );
    },
  );

  app.get(
    '/api/v1/score-lists/:id/export',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['scores'],
        summary: 'Download a published praise or criticism list as XLSX; audited',
        params: idParams,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const list = await readScoreList(db, principal, request.params.id);
      const fileName = await prepareScoreListExport(db, actorOf(principal, request.ip), list);
      const body = workbookBody(request.log, (out) => streamScoreListExport(list, out));
      return sendXlsx(reply, fileName, body, { 'x-export-rows': String(list.items.length) });
    },
  );
};
