import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDepartmentSchema,
  departmentListSchema,
  departmentSchema,
  updateDepartmentSchema,
} from '../../../shared/domain/department.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createDepartment } from './create-department.ts';
import { toDepartment } from './department-view.ts';
import { updateDepartment } from './update-department.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** Departments at district and street level: everyone reads the list, org:write keeps it. */
export const departmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { departments } = app.ctx.repositories;
  const shown = async (principal: Principal, id: string) => {
    const row = await departments.find(principal.districtCode, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such department.');
    return toDepartment(row, scopeFor(principal, 'org:write'));
  };

  app.get(
    '/api/v1/departments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['departments'],
        summary: 'Departments of the district and its streets',
        response: { 200: departmentListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const writeScope = scopeFor(principal, 'org:write');
      const rows = await departments.list(principal.districtCode);
      return {
        items: rows.map((row) => toDepartment(row, writeScope)),
        actions: writeScope.paths.length > 0 ? (['create'] as const).slice() : [],
      };
    },
  );

  app.post(
    '/api/v1/departments',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['departments'],
        summary: 'Create a department on the district or on a street',
        body: createDepartmentSchema,
        response: { 201: departmentSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const id = await createDepartment(
        db,
        scopeFor(principal, 'org:write'),
        request.body,
        actorOf(principal, request.ip),
      );
      return reply.code(201).send(await shown(principal, id));
    },
  );

  app.patch(
    '/api/v1/departments/:id',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['departments'],
        summary: 'Rename, reorder, deactivate or reactivate a department (never deleted)',
        params: idParams,
        body: updateDepartmentSchema,
        response: { 200: departmentSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      await updateDepartment(
        db,
        scopeFor(principal, 'org:write'),
        request.params.id,
        request.body,
        actorOf(principal, request.ip),
      );
      return shown(principal, request.params.id);
    },
  );
};
