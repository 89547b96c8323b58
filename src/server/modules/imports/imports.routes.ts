import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  importRunListSchema,
  importUploadQuerySchema,
  importUploadResponseSchema,
  transferKindParams,
} from '../../../shared/domain/transfer.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { sendXlsx, streamedBody } from '../../http/attachment.ts';
import type { Principal } from '../auth/principal.ts';
import { IMPORTERS } from './import-kinds.ts';
import { createImportRunsRepository } from './import-runs.repository.ts';
import { uploadParser } from './upload-body.ts';
import { listImportRuns, runWebImport } from './web-import.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** Imports through the web: templates, uploads and validation reports (district-wide, data:import). */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
  // Only this plugin's routes take files: every body here goes through the upload parser
  // (JSON included, which it refuses with 415).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('*', uploadParser(config.transfer.importMaxBytes));

  app.post(
    '/api/v1/imports/:kind',
    {
      config: { access: 'data:import' },
      schema: {
        tags: ['imports'],
        summary: 'Import an XLSX or CSV file sent as the raw body; answers the counts and the run id',
        params: transferKindParams,
        querystring: importUploadQuerySchema,
        response: { 200: importUploadResponseSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return runWebImport(db, {
        cipher,
        principal,
        sourceIp: request.ip,
        kind: request.params.kind,
        body: request.body as Buffer | undefined,
        fileName: request.query.fileName,
        runId: request.query.runId,
        batchSize: config.transfer.importBatchSize,
      });
    },
  );

  app.get(
    '/api/v1/imports',
    {
      config: { access: 'data:import' },
      schema: {
        tags: ['imports'],
        summary: 'Recent web imports of the district, newest first',
        response: { 200: importRunListSchema },
      },
    },
    async (request) => ({ items: await listImportRuns(db, (request.principal as Principal).districtCode) }),
  );

  app.get(
    '/api/v1/imports/:id/report',
    {
      config: { access: 'data:import' },
      schema: {
        tags: ['imports'],
        summary: "Download a run's validation report (XLSX)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const found = await createImportRunsRepository(db).report(principal.districtCode, request.params.id);
      if (!found) throw new AppError('NOT_FOUND', 'No such import run.');
      const stem = found.file_name.replace(/\.[^.]*$/, '');
      const name = { utf8: `${stem}-导入校验报告.xlsx`, ascii: `import-report-${request.params.id}.xlsx` };
      return sendXlsx(reply, name, Buffer.from(found.report));
    },
  );

  app.get(
    '/api/v1/imports/templates/:kind',
    {
      config: { access: 'data:import' },
      schema: {
        tags: ['imports'],
        summary: 'Download the import template of a kind (instructions and an example)',
        params: transferKindParams,
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const handler = IMPORTERS[kind];
      if (!handler) throw new AppError('NOT_FOUND', `Importing ${kind} is not available yet.`);
      const body = streamedBody(
        (out) => handler.writeTemplate(out),
        (error) => request.log.error({ err: error }, 'template failed'),
      );
      return sendXlsx(
        reply,
        { utf8: `导入模板-${handler.sheet}.xlsx`, ascii: handler.templateFileName },
        body,
      );
    },
  );
};
