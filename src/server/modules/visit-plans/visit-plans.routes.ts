import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createVisitAssignmentSchema,
  createVisitRuleSchema,
  saveVisitSettingsSchema,
  saveVisitTeamSchema,
  updateVisitRuleSchema,
  visitAssignmentListQuerySchema,
  visitAssignmentListSchema,
  visitAssignmentSchema,
  visitRuleListQuerySchema,
  visitRuleListSchema,
  visitRuleSchema,
  visitSettingsSchema,
  visitTeamListQuerySchema,
  visitTeamListSchema,
  visitTeamSchema,
} from '../../../shared/domain/visit-plan.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { assignVisitSubject } from './assign-visit-subject.ts';
import { createVisitRule } from './create-visit-rule.ts';
import type { PlanWriteContext } from './plan-context.ts';
import { removeVisitAssignment } from './remove-visit-assignment.ts';
import { mayEditVisitSettings, saveVisitSettings } from './save-visit-settings.ts';
import { saveVisitTeam } from './save-visit-team.ts';
import { updateVisitRule } from './update-visit-rule.ts';
import { createVisitPlanRepository, type VisitPlanRepository } from './visit-plans.repository.ts';
import { loadVisitSettings } from './visit-settings.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const gridParams = z.object({ gridId: z.uuid() }).strict();
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/** Visit rules, 包联 assignments, visiting teams and the district's visit settings (visits:plan). */
export const visitPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.database;
  const { regions } = app.ctx.repositories;
  const plans = createVisitPlanRepository(db);
  const writeContext = (request: { principal?: unknown; ip: string }): PlanWriteContext => {
    const principal = request.principal as Principal;
    return { db, principal, actor: actorOf(principal, request.ip) };
  };
  /** The region a list is about: the one asked for (in scope), else the caller's first scope root. */
  const listPath = async (principal: Principal, regionId: string | undefined) => {
    const scope = scopeFor(principal, 'visits:plan');
    if (regionId) return (await regionInScope(regions, scope, regionId)).path;
    return scope.paths[0] ?? principal.districtCode;
  };

  app.get(
    '/api/v1/visit-rules',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: 'Rules that apply in a region (its district’s and street’s) and the rules below it',
        querystring: visitRuleListQuerySchema,
        response: { 200: visitRuleListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:plan');
      const rows = await plans.listRules(scope, await listPath(principal, request.query.regionId));
      return {
        items: rows.map((r) => ruleView(r, pathInScope(r.region_path, scope))),
        actions: ['create' as const],
      };
    },
  );

  app.post(
    '/api/v1/visit-rules',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: 'Add a rule for the district or a street',
        body: createVisitRuleSchema,
        response: { 201: visitRuleSchema },
      },
    },
    async (request, reply) => {
      const { id } = await createVisitRule(writeContext(request), request.body);
      reply.code(201);
      return writtenRule(request.principal as Principal, id);
    },
  );

  app.patch(
    '/api/v1/visit-rules/:id',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: 'Switch a rule on or off, or change its parameters',
        params: idParams,
        body: updateVisitRuleSchema,
        response: { 200: visitRuleSchema },
      },
    },
    async (request) => {
      await updateVisitRule(writeContext(request), request.params.id, request.body);
      return writtenRule(request.principal as Principal, request.params.id);
    },
  );

  async function writtenRule(principal: Principal, id: string) {
    const r = await plans.findRuleInScope(scopeFor(principal, 'visits:plan'), id);
    if (!r) throw new Error('rule vanished after its write');
    return ruleView(r, true);
  }

  app.get(
    '/api/v1/visit-assignments',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: '包联 assignments in scope, by user or below a region',
        querystring: visitAssignmentListQuerySchema,
        response: { 200: visitAssignmentListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:plan');
      const { userId, regionId } = request.query;
      const rows = await plans.listAssignments(scope, {
        ...(userId ? { userId } : {}),
        ...(regionId ? { regionPath: (await regionInScope(regions, scope, regionId)).path } : {}),
      });
      return { items: rows.map(assignmentView), actions: ['create' as const] };
    },
  );

  app.post(
    '/api/v1/visit-assignments',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: 'Assign a household, enterprise or region to a user (包联)',
        body: createVisitAssignmentSchema,
        response: { 201: visitAssignmentSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const { id } = await assignVisitSubject(writeContext(request), request.body);
      const [row] = await plans.listAssignments(scopeFor(principal, 'visits:plan'), { id });
      if (!row) throw new Error('assignment vanished after its write');
      reply.code(201);
      return assignmentView(row);
    },
  );

  app.delete(
    '/api/v1/visit-assignments/:id',
    {
      config: { access: 'visits:plan' },
      schema: { tags: ['visit-plans'], summary: 'End a 包联 assignment', params: idParams },
    },
    async (request, reply) => {
      await removeVisitAssignment(writeContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/visit-teams',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: 'Visiting teams of the grids below a region, and grids without one',
        querystring: visitTeamListQuerySchema,
        response: { 200: visitTeamListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:plan');
      const path = await listPath(principal, request.query.regionId);
      const [teams, bare] = await Promise.all([
        plans.listTeams(scope, path),
        plans.gridsWithoutTeam(scope, path),
      ]);
      return { items: teams.map(teamView), gridsWithoutTeam: bare };
    },
  );

  app.put(
    '/api/v1/visit-teams/:gridId',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: 'Create or replace the grid’s visiting team (一网格一分队)',
        params: gridParams,
        body: saveVisitTeamSchema,
        response: { 200: visitTeamSchema, 201: visitTeamSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const saved = await saveVisitTeam(writeContext(request), request.params.gridId, request.body);
      const grid = await regionInScope(regions, scopeFor(principal, 'visits:plan'), request.params.gridId);
      const [team] = (await plans.listTeams(scopeFor(principal, 'visits:plan'), grid.path)).filter(
        (t) => t.id === saved.id,
      );
      reply.code(saved.created ? 201 : 200);
      return teamView(team as NonNullable<typeof team>);
    },
  );

  app.get(
    '/api/v1/visit-settings',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: 'The district’s night window and far limit (its own, or the defaults)',
        response: { 200: visitSettingsSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const settings = await loadVisitSettings(db, principal.districtCode, app.ctx.config.visits);
      return { ...settings, actions: mayEditVisitSettings(principal) ? ['update' as const] : [] };
    },
  );

  app.put(
    '/api/v1/visit-settings',
    {
      config: { access: 'visits:plan' },
      schema: {
        tags: ['visit-plans'],
        summary: 'Save the district’s night window and far limit',
        body: saveVisitSettingsSchema,
        response: { 200: visitSettingsSchema },
      },
    },
    async (request) => {
      await saveVisitSettings(writeContext(request), request.body);
      return { ...request.body, source: 'district' as const, actions: ['update' as const] };
    },
  );
};

type RuleRow = Awaited<ReturnType<VisitPlanRepository['listRules']>>[number];
type AssignmentRow = Awaited<ReturnType<VisitPlanRepository['listAssignments']>>[number];

function ruleView(r: RuleRow, mayUpdate: boolean) {
  return {
    id: r.id,
    regionId: r.region_id,
    regionName: r.region_name,
    regionLevel: r.region_level,
    kind: r.kind,
    params: r.params,
    active: r.active,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    actions: mayUpdate ? (['update'] as const).slice() : [],
  };
}

function assignmentView(r: AssignmentRow) {
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.display_name,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectName: r.address ?? r.enterprise_name ?? r.region_name ?? '',
    createdAt: iso(r.created_at),
    actions: ['delete' as const],
  };
}

function teamView(t: {
  id: string;
  grid_id: string;
  grid_name: string;
  name: string;
  members: {
    user_id: string;
    display_name: string;
    role: 'leader' | 'cadre' | 'worker' | 'police' | 'volunteer';
  }[];
}) {
  return {
    id: t.id,
    gridId: t.grid_id,
    gridName: t.grid_name,
    name: t.name,
    members: t.members.map((m) => ({ userId: m.user_id, displayName: m.display_name, role: m.role })),
    needsCadre: !t.members.some((m) => m.role === 'cadre'),
    actions: ['update' as const],
  };
}
