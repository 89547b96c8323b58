import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentRulesSchema, assessmentRulesViewSchema } from '../../../shared/domain/assessment-rules.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { updateAssessmentRules, viewAssessmentRules } from './assessment-rules.ts';

/**
 * The district's assessment rules (issue 12 §1): read by whoever reads the figures; changed by a
 * leader publishing figures for the whole district (403 for a street's grant), audited.
 */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/figures/rules',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['figures'],
        summary: "The district's assessment rules the figures are counted by",
        response: { 200: assessmentRulesViewSchema },
      },
    },
    async (request) => viewAssessmentRules(db, request.principal as Principal),
  );

  app.put(
    '/api/v1/figures/rules',
    {
      config: { access: 'figures:publish' },
      schema: {
        tags: ['figures'],
        summary: "Change the district's assessment rules (district-wide figures:publish); audited",
        body: assessmentRulesSchema,
        response: { 200: assessmentRulesViewSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return updateAssessmentRules(db, principal, actorOf(principal, request.ip), request.body, new Date());
    },
  );
};
