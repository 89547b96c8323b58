import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { installAccessControl } from './http/access.ts';
import { installForwardedWarning } from './http/forwarded-warning.ts';
import { loggerOptions } from './http/logging.ts';
import { installOpenApi } from './http/openapi.ts';
import { frameworkErrorHandler, installErrorHandling } from './http/problem.ts';
import { installSecurity } from './http/security.ts';
import { installShedding } from './http/shedding.ts';
import { installNotFoundAndWeb } from './http/static-web.ts';
import { assessmentRoutes } from './modules/assessment/assessment.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.ts';
import { caseAttachmentRoutes } from './modules/cases/case-attachments.routes.ts';
import { caseContextRoutes } from './modules/cases/case-context.routes.ts';
import { caseListExportRoutes } from './modules/cases/case-list-export.routes.ts';
import { caseSuggestionRoutes } from './modules/cases/case-suggestions.routes.ts';
import { caseRoutes } from './modules/cases/cases.routes.ts';
import { categoryRoutes } from './modules/categories/categories.routes.ts';
import { coverageRoutes } from './modules/coverage/coverage.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { departmentRoutes } from './modules/departments/departments.routes.ts';
import { enterpriseRoutes } from './modules/enterprises/enterprises.routes.ts';
import { evaluationRoutes } from './modules/evaluation/evaluation.routes.ts';
import { exampleRoutes, publicExampleRoutes } from './modules/examples/examples.routes.ts';
import { exportRoutes } from './modules/exports/exports.routes.ts';
import { fieldDirectoryRoutes } from './modules/field-directory/field-directory.routes.ts';
import { findingsRoutes } from './modules/findings/findings.routes.ts';
import { hardProblemsRoutes } from './modules/hard-problems/hard-problems.routes.ts';
import { homeRoutes } from './modules/home/home.routes.ts';
import { hotlinePushRoutes, hotlineRoutes } from './modules/hotline/hotline.routes.ts';
import { householdWriteRoutes } from './modules/households/household-writes.routes.ts';
import { householdRoutes } from './modules/households/households.routes.ts';
import { importProgressRoutes } from './modules/imports/import-progress.routes.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { keyHouseholdRoutes } from './modules/key-households/key-households.routes.ts';
import { leagueRoutes } from './modules/league/league.routes.ts';
import { ledgerRoutes } from './modules/ledger/ledger.routes.ts';
import { mapRoutes } from './modules/map/map.routes.ts';
import { mentoringRoutes } from './modules/mentoring/mentoring.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { open311Routes } from './modules/open311/open311.routes.ts';
import { open311ClientRoutes } from './modules/open311/open311-clients.routes.ts';
import { opinionRoutes } from './modules/opinions/opinions.routes.ts';
import { publicCodeLookupRoutes, publicCodeRoutes } from './modules/public-codes/public-codes.routes.ts';
import { publicIntakeRoutes } from './modules/public-reports/public-intake.routes.ts';
import { publicReportRoutes } from './modules/public-reports/public-reports.routes.ts';
import { regionRoutes } from './modules/regions/regions.routes.ts';
import { scoreListsRoutes } from './modules/score-lists/score-lists.routes.ts';
import { scoresRoutes } from './modules/scores/scores.routes.ts';
import { spotCheckRoutes } from './modules/spot-checks/spot-checks.routes.ts';
import { caseStatusLinkRoutes, publicStatusRoutes } from './modules/status-page/status-page.routes.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { publicSurveyRoutes, surveyRoutes } from './modules/surveys/surveys.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { tagRoutes } from './modules/tags/tags.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { visitPlanRoutes } from './modules/visit-plans/visit-plans.routes.ts';
import { visitListExportRoutes } from './modules/visits/visit-list-export.routes.ts';
import { visitRoutes } from './modules/visits/visits.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface BuildAppOptions {
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  webDir?: string;
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: { write(line: string): void };
}

/**
 * Builds the HTTP application around an already-open context. The order is the pipeline every
 * request takes: request id → security headers → rate limit → route (zod validation) → handler,
 * with one error handler turning every failure into problem+json.
 */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(ctx.config, options.logStream),
    // A hop count, never `true`: `true` would take the leftmost X-Forwarded-For entry, which the
    // client writes itself.
    trustProxy:
      ctx.config.trustProxy > 0 ? (_address: string, hop: number) => hop < ctx.config.trustProxy : false,
    bodyLimit: ctx.config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    },
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  // The API speaks JSON only (multipart uploads register their own parser where needed); a text
  // body is refused with 415 instead of reaching validation as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // During shutdown, responses to in-flight requests close their keep-alive connection, so the
  // server stops as soon as they are answered instead of waiting out the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  installErrorHandling(app);
  // Before anything that reads the database (the access check looks the session up).
  await installShedding(app, ctx.config, ctx.database);
  await installAccessControl(app);
  await installSecurity(app, ctx.config);
  installForwardedWarning(app, ctx.config);
  await installOpenApi(app);

  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(regionRoutes);
  await app.register(householdRoutes);
  await app.register(enterpriseRoutes);
  await app.register(auditRoutes);
  await app.register(userRoutes);
  await app.register(departmentRoutes);
  await app.register(categoryRoutes);
  await app.register(tagRoutes);
  await app.register(householdWriteRoutes);
  await app.register(keyHouseholdRoutes);
  await app.register(importRoutes);
  await app.register(importProgressRoutes);
  await app.register(exportRoutes);
  await app.register(caseRoutes);
  await app.register(caseListExportRoutes);
  await app.register(notificationRoutes);
  await app.register(caseSuggestionRoutes);
  await app.register(caseContextRoutes);
  await app.register(ledgerRoutes);
  await app.register(caseAttachmentRoutes);
  await app.register(publicReportRoutes);
  await app.register(publicCodeRoutes);
  await app.register(publicCodeLookupRoutes);
  await app.register(publicStatusRoutes);
  await app.register(caseStatusLinkRoutes);
  await app.register(publicIntakeRoutes);
  await app.register(visitRoutes);
  await app.register(visitListExportRoutes);
  await app.register(opinionRoutes);
  await app.register(mapRoutes);
  await app.register(visitPlanRoutes);
  await app.register(coverageRoutes);
  await app.register(dashboardRoutes);
  await app.register(assessmentRoutes);
  await app.register(scoresRoutes);
  await app.register(hardProblemsRoutes);
  await app.register(evaluationRoutes);
  await app.register(findingsRoutes);
  await app.register(scoreListsRoutes);
  await app.register(supervisionRoutes);
  await app.register(leagueRoutes);
  await app.register(campaignRoutes);
  await app.register(exampleRoutes);
  await app.register(publicExampleRoutes);
  await app.register(surveyRoutes);
  await app.register(publicSurveyRoutes);
  await app.register(homeRoutes);
  await app.register(mentoringRoutes);
  await app.register(spotCheckRoutes);
  await app.register(fieldDirectoryRoutes);
  await app.register(hotlineRoutes);
  await app.register(hotlinePushRoutes);
  await app.register(open311ClientRoutes);
  await app.register(open311Routes, { prefix: '/open311' });

  await installNotFoundAndWeb(app, options.serveWeb === true, options.webDir);
  return app;
}
