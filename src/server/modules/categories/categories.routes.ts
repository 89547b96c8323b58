import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseCategorySchema,
  categoryListSchema,
  createCategorySchema,
  updateCategorySchema,
} from '../../../shared/domain/category.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createCategoryRepository } from './categories.repository.ts';
import { toCategory } from './category-view.ts';
import { createCategory } from './create-category.ts';
import { updateCategory } from './update-category.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** The case category tree and the department owning each category. */
export const categoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const categories = createCategoryRepository(db);
  const canWrite = (principal: Principal) => principal.permissions.has('org:write');
  const shown = async (principal: Principal, id: string) => {
    const row = await categories.find(principal.districtCode, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such category.');
    return toCategory(row, canWrite(principal));
  };

  app.get(
    '/api/v1/categories',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['categories'],
        summary: 'The case category tree, flat (parents before their children), with owners',
        response: { 200: categoryListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const rows = await categories.list(principal.districtCode);
      const writer = canWrite(principal);
      return {
        items: rows.map((row) => toCategory(row, writer)),
        actions: writer ? (['create'] as const).slice() : [],
      };
    },
  );

  app.post(
    '/api/v1/categories',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['categories'],
        summary: 'Add a top category or a subcategory',
        body: createCategorySchema,
        response: { 201: caseCategorySchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const id = await createCategory(
        db,
        principal.districtCode,
        request.body,
        actorOf(principal, request.ip),
      );
      return reply.code(201).send(await shown(principal, id));
    },
  );

  app.patch(
    '/api/v1/categories/:id',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['categories'],
        summary: "Edit a category's names, owning department, order or active flag",
        params: idParams,
        body: updateCategorySchema,
        response: { 200: caseCategorySchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      await updateCategory(
        db,
        principal.districtCode,
        request.params.id,
        request.body,
        actorOf(principal, request.ip),
      );
      return shown(principal, request.params.id);
    },
  );
};
