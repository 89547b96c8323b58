import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { regionChildrenQuerySchema, regionListSchema } from '../../../shared/domain/region.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/regions',
    {
      config: { access: 'regions:read' },
      schema: {
        tags: ['regions'],
        summary: 'Children of a region (top-level regions when parentId is absent)',
        querystring: regionChildrenQuerySchema,
        response: { 200: regionListSchema },
      },
    },
    async (request) => {
      const { regions } = app.ctx.repositories;
      const scope = scopeFor(request.principal as Principal, 'regions:read');
      const parentId = request.query.parentId ?? null;
      if (parentId !== null && !(await regions.findInScope(scope, parentId))) {
        throw new AppError('NOT_FOUND', 'No such region.');
      }
      return { items: await regions.listChildren(parentId, scope) };
    },
  );
};
