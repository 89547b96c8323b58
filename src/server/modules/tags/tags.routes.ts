import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  tagListQuerySchema,
  tagListReplaceSchema,
  tagListSchema,
  tagSubjectParamsSchema,
} from '../../../shared/domain/tags.ts';
import type { Principal } from '../auth/principal.ts';
import { replaceTags } from './replace-tags.ts';

/** The configurable household and enterprise tag lists. */
export const tagRoutes: FastifyPluginAsyncZod = async (app) => {
  const { tags } = app.ctx.repositories;

  app.get(
    '/api/v1/tags',
    {
      // Every form that tags a record needs the list, whatever the user's role.
      config: { access: 'authenticated' },
      schema: {
        tags: ['tags'],
        summary: "The district's tag list for households or enterprises",
        querystring: tagListQuerySchema,
        response: { 200: tagListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const { subject } = request.query;
      return { subject, items: await tags.list(principal.districtCode, subject) };
    },
  );

  app.put(
    '/api/v1/tags/:subject',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['tags'],
        summary: "Replace the district's tag list for one subject (tags in use may only be deactivated)",
        params: tagSubjectParamsSchema,
        body: tagListReplaceSchema,
        response: { 200: tagListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const { subject } = request.params;
      const items = await replaceTags(app.ctx.database.db, {
        districtCode: principal.districtCode,
        subject,
        tags: request.body.tags,
        actor: { principal, districtCode: principal.districtCode, sourceIp: request.ip },
      });
      return { subject, items };
    },
  );
};
