import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  campaignExportQuerySchema,
  campaignListQuerySchema,
  campaignListSchema,
  campaignReportSchema,
  campaignSchema,
  createCampaignSchema,
  markExampleSchema,
} from '../../../shared/domain/campaign.ts';
import { sendXlsx } from '../../http/attachment.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { workbookBody } from '../exports/write-workbook.ts';
import type { CampaignContext } from './campaign-context.ts';
import { prepareCampaignPack, writeCampaignPack } from './campaign-pack.ts';
import { campaignReport } from './campaign-report.ts';
import { campaignView } from './campaign-views.ts';
import { createCampaign } from './create-campaign.ts';
import { markExample, unmarkExample } from './mark-example.ts';
import { campaignInScope, campaignReadScope, listCampaigns } from './read-campaigns.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const exampleParams = z.object({ id: z.uuid(), caseId: z.uuid() }).strict();

/**
 * Campaigns (issue 12 §6): read, reported and exported where the caller reads both cases and
 * visits (as GET /api/v1/figures); created and given examples by leaders (visits:plan).
 */
export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const context = (principal: Principal, ip: string): CampaignContext => ({
    db,
    principal,
    actor: actorOf(principal, ip),
    now: new Date(),
  });

  app.get(
    '/api/v1/campaigns',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['figures'],
        summary: 'Campaigns whose place is in scope (below a region when given), latest first',
        querystring: campaignListQuerySchema,
        response: { 200: campaignListSchema },
      },
    },
    async (request) => ({
      items: await listCampaigns(db, request.principal as Principal, request.query.regionId),
    }),
  );

  app.post(
    '/api/v1/campaigns',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['figures'],
        summary: 'Create a campaign: a name, a place and a period of Beijing days; audited',
        body: createCampaignSchema,
        response: { 201: campaignSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const { id } = await createCampaign(context(principal, request.ip), request.body);
      return reply.code(201).send(campaignView(await campaignInScope(db, campaignReadScope(principal), id)));
    },
  );

  app.get(
    '/api/v1/campaigns/:id',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['figures'],
        summary:
          "A campaign's report: its figures from the kept rollups, by community and grid, and its examples",
        params: idParams,
        response: { 200: campaignReportSchema },
      },
    },
    async (request) => campaignReport(db, request.principal as Principal, request.params.id),
  );

  app.get(
    '/api/v1/campaigns/:id/report.xlsx',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['figures'],
        summary: "Download a campaign's report pack (XLSX, one sheet per table, definitions last); audited",
        params: idParams,
        querystring: campaignExportQuerySchema,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const report = await campaignReport(db, principal, request.params.id);
      const name = await prepareCampaignPack(
        db,
        actorOf(principal, request.ip),
        report,
        request.query.lang,
        new Date(),
      );
      const body = workbookBody(request.log, (out) => writeCampaignPack(out, report, request.query.lang));
      return sendXlsx(reply, name, body);
    },
  );

  app.post(
    '/api/v1/campaigns/:id/examples',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['figures'],
        summary: "Mark a case (by number or id) as one of the campaign's examples, with a note; audited",
        params: idParams,
        body: markExampleSchema,
        response: { 200: z.object({ caseId: z.uuid() }) },
      },
    },
    async (request) =>
      markExample(context(request.principal as Principal, request.ip), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/campaigns/:id/examples/:caseId',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['figures'],
        summary: "Take a case off the campaign's examples; audited",
        params: exampleParams,
      },
    },
    async (request, reply) => {
      await unmarkExample(
        context(request.principal as Principal, request.ip),
        request.params.id,
        request.params.caseId,
      );
      return reply.code(204).send();
    },
  );
};
