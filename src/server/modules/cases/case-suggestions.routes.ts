import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseSuggestionsSchema } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { createCaseSuggestionRepository } from './case-suggestions.repository.ts';
import { suggestDuplicates } from './suggest-duplicates.ts';
import { suggestUnitsFor } from './suggest-units.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** Dispatch suggestions (category → department, area) and likely duplicates of a case. */
export const caseSuggestionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/cases/:id/suggestions',
    {
      config: { access: 'cases:dispatch' },
      schema: {
        tags: ['cases'],
        summary: 'Where the case could go, and open cases nearby that may report the same thing',
        params: idParams,
        response: { 200: caseSuggestionsSchema },
      },
    },
    async (request) => {
      const scope = caseScopeFor(request.principal as Principal);
      const subject = await createCaseSuggestionRepository(db).findInScope(scope, request.params.id);
      if (!subject) throw new AppError('NOT_FOUND', 'No such case.');
      return {
        units: await suggestUnitsFor(db, subject),
        duplicates: await suggestDuplicates(db, scope, subject, new Date()),
      };
    },
  );
};
