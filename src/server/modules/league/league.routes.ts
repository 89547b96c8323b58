import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  leagueQuerySchema,
  leagueTableSchema,
  publishedLeagueListQuerySchema,
  publishedLeagueListSchema,
  publishedLeagueSchema,
  publishLeagueSchema,
} from '../../../shared/domain/league.ts';
import { sendXlsx } from '../../http/attachment.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { workbookBody } from '../exports/write-workbook.ts';
import { prepareLeagueExport, streamLeagueExport } from './export-league.ts';
import { publishLeague } from './publish-league.ts';
import { listPublishedLeagues, readPublishedLeague } from './published-leagues.ts';
import { readLeague } from './read-league.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * 数据晾晒 league tables (issue 12 §5): the live table is read like the figures (`visits:read`,
 * with cases and visits in scope); a leader publishes a period's table (`figures:publish`);
 * published tables are read and downloaded by every business role (`cases:read`) whose places
 * lie at, above or below the table's place.
 */
export const leagueRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/league',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['figures'],
        summary: "A region's live league table for a month or quarter, ranked, with the change in rank",
        querystring: leagueQuerySchema,
        response: { 200: leagueTableSchema },
      },
    },
    async (request) => readLeague(db, request.principal as Principal, request.query, new Date()),
  );

  app.post(
    '/api/v1/league-tables',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['figures'],
        summary: "Publish (freeze) a region's league table for a period; once, else 409; audited",
        body: publishLeagueSchema,
        response: { 201: publishedLeagueSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const published = await publishLeague(
        db,
        principal,
        actorOf(principal, request.ip),
        request.body,
        new Date(),
      );
      return reply.code(201).send(published);
    },
  );

  app.get(
    '/api/v1/league-tables',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['figures'],
        summary: 'Published league tables the caller sees, newest first',
        querystring: publishedLeagueListQuerySchema,
        response: { 200: publishedLeagueListSchema },
      },
    },
    async (request) => ({
      items: await listPublishedLeagues(db, request.principal as Principal, request.query.regionId),
    }),
  );

  app.get(
    '/api/v1/league-tables/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['figures'],
        summary: 'One published league table, as it was published',
        params: idParams,
        response: { 200: publishedLeagueSchema },
      },
    },
    async (request) => readPublishedLeague(db, request.principal as Principal, request.params.id),
  );

  app.get(
    '/api/v1/league-tables/:id/export',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['figures'],
        summary: 'Download a published league table as XLSX; audited',
        params: idParams,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const published = await readPublishedLeague(db, principal, request.params.id);
      const fileName = await prepareLeagueExport(db, actorOf(principal, request.ip), published);
      const body = workbookBody(request.log, (out) => streamLeagueExport(published, out));
      return sendXlsx(reply, fileName, body, { 'x-export-rows': String(published.table.rows.length) });
    },
  );
};
