import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { regionChildrenQuerySchema, regionListSchema } from '../../../shared/domain/region.ts';
import { AppError } from '../../../shared/errors/app-error.ts';

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['regions'],
        summary: 'Children of a region (top-level regions when parentId is absent)',
        querystring: regionChildrenQuerySchema,
        response: { 200: regionListSchema },
      },
    },
    async (request) => {
      const { regions } = app.ctx.repositories;
      const parentId = request.query.parentId ?? null;
      if (parentId !== null && !(await regions.exists(parentId))) {
        throw new AppError('NOT_FOUND', 'No such region.');
      }
      return { items: await regions.listChildren(parentId) };
    },
  );
};
