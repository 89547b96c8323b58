import type { Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CaseRecordTable } from '../../../src/server/db/schema.ts';
import { actionPath } from '../../../src/server/modules/cases/cases.routes.ts';
import type { CaseAction, CaseState } from '../../../src/shared/cases/workflow.ts';
import type { Fixture, Recipe, RecipeContext, RecipeModule } from './recipe.ts';

/** The grid worker of the fixture's community: first responder and handling unit of its cases. */
async function workerOf(f: Fixture, ctx: RecipeContext): Promise<{ id: string; district: string }> {
  const grant = await ctx.t.database.db
    .selectFrom('role_grant')
    .select(['user_id', 'district_code'])
    .where('scope_region_id', '=', f.community.id)
    .where('role', '=', 'grid_worker')
    .executeTakeFirstOrThrow();
  return { id: grant.user_id, district: grant.district_code };
}

async function department(ctx: RecipeContext, code: string): Promise<string> {
  const row = await ctx.t.database.db
    .selectFrom('department')
    .select('id')
    .where('code', 'like', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A fresh case in the fixture's grid, written straight into the tables in the state a route needs,
 * raised by the fixture's worker and (once dispatched) handled by the fixture's community.
 */
export async function caseIn(
  f: Fixture,
  ctx: RecipeContext,
  state: CaseState,
  extra: Partial<Insertable<CaseRecordTable>> = {},
): Promise<string> {
  const worker = await workerOf(f, ctx);
  const id = uuidv7();
  const n = ctx.unique();
  const dispatched = !['submitted', 'accepted'].includes(state);
  await ctx.t.database.db
    .insertInto('case_record')
    .values({
      district_code: worker.district,
      id,
      number: `${worker.district}-2026-9${String(n).padStart(5, '0')}`,
      channel: 'visit',
      category_id: null,
      kind: 'help',
      urgency: 'ordinary',
      list_type: 'problem',
      title: `矩阵测试事项${n}`,
      description: '矩阵测试用的事项描述',
      region_id: f.grid.id,
      region_path: f.grid.path,
      address: null,
      latitude: null,
      longitude: null,
      reporter_type: 'anonymous',
      reporter_name: null,
      reporter_phone_enc: null,
      reporter_phone_hash: null,
      household_id: null,
      enterprise_id: null,
      state,
      level: 1,
      intake_level: 1,
      unit_level: dispatched ? 0 : null,
      unit_department_id: null,
      unit_region_id: dispatched ? f.community.id : null,
      unit_region_path: dispatched ? f.community.path : null,
      first_responder_id: worker.id,
      submitted_by: worker.id,
      next_due_at: null,
      merged_into_id: null,
      linked_case_id: null,
      source_visit_id: null,
      accepted_at: null,
      replied_at: null,
      closed_at: null,
      last_progress_at: null,
      ...extra,
    })
    .execute();
  return id;
}

const DISPATCHER = ['dispatcher'];
const SUPERVISOR = ['supervisor'];
const WORKERS = ['worker1', 'worker2'];
/**
 * The handling unit's members: the community's own workers. The street's liaison holds
 * cases:handle over the whole street, but a street-wide grant is none of its communities' units
 * (shared/cases/levels.ts `isUnitMember`), so it may not sign, reply or escalate for them.
 */
const HANDLING_UNIT = WORKERS;
const reason = { reason: '矩阵测试的理由' };

/** For each workflow action: the state to start from, extra facts, the body, and who may fire it. */
const ACTION_SETUPS: Record<
  CaseAction,
  {
    state: CaseState;
    extra?: Partial<Insertable<CaseRecordTable>>;
    body: (f: Fixture, ctx: RecipeContext) => unknown | Promise<unknown>;
    allowedFor: readonly string[];
    prepare?: (id: string, f: Fixture, ctx: RecipeContext) => Promise<void>;
  }
> = {
  accept: { state: 'submitted', body: () => ({}), allowedFor: DISPATCHER },
  reject: {
    state: 'submitted',
    body: () => ({ ...reason, rejectKind: 'invalid' }),
    allowedFor: DISPATCHER,
  },
  merge: {
    state: 'submitted',
    body: async (f, ctx) => ({ ...reason, intoCaseId: await caseIn(f, ctx, 'accepted') }),
    allowedFor: DISPATCHER,
  },
  answer: { state: 'submitted', body: () => ({ reply: '已当场答复' }), allowedFor: DISPATCHER },
  resolve_on_spot: { state: 'accepted', body: () => ({ reply: '已当场解决' }), allowedFor: DISPATCHER },
  dispatch: {
    state: 'accepted',
    body: (f) => ({ unit: { regionId: f.community.id } }),
    allowedFor: DISPATCHER,
  },
  escalate: { state: 'accepted', body: () => reason, allowedFor: DISPATCHER },
  sign: { state: 'dispatched', body: () => ({}), allowedFor: HANDLING_UNIT },
  return: {
    state: 'dispatched',
    body: () => ({ ...reason, returnKind: 'not_our_area' }),
    allowedFor: HANDLING_UNIT,
  },
  redispatch: {
    state: 'returned',
    body: (f) => ({ unit: { regionId: f.community.id } }),
    allowedFor: DISPATCHER,
  },
  refuse_return: { state: 'returned', body: () => reason, allowedFor: DISPATCHER },
  first_contact: { state: 'in_progress', body: () => ({ note: '已联系' }), allowedFor: HANDLING_UNIT },
  request_extension: {
    state: 'in_progress',
    body: () => ({ ...reason, workingDays: 2 }),
    allowedFor: HANDLING_UNIT,
  },
  approve_extension: {
    state: 'in_progress',
    extra: { extension_pending: true },
    body: () => ({}),
    allowedFor: [...DISPATCHER, ...SUPERVISOR],
    prepare: (id, f, ctx) => pendingExtension(id, f, ctx),
  },
  refuse_extension: {
    state: 'in_progress',
    extra: { extension_pending: true },
    body: () => reason,
    allowedFor: [...DISPATCHER, ...SUPERVISOR],
    prepare: (id, f, ctx) => pendingExtension(id, f, ctx),
  },
  whistle: {
    state: 'in_progress',
    body: async (_f, ctx) => ({ leadDepartmentId: await department(ctx, 'law_enforcement') }),
    allowedFor: DISPATCHER,
  },
  // Only a summoned department completes its task; none of the matrix accounts is one.
  complete_task: {
    state: 'in_progress',
    extra: { open_tasks: 1 },
    body: async (f, ctx) => ({ taskId: await openTask(f, ctx), note: '已完成' }),
    allowedFor: [],
  },
  reply: { state: 'in_progress', body: () => ({ reply: '已办结' }), allowedFor: HANDLING_UNIT },
  approve_reply: { state: 'replied', body: () => ({}), allowedFor: WORKERS },
  send_back: { state: 'replied', body: () => reason, allowedFor: WORKERS },
  rate: { state: 'follow_up', body: () => ({ rating: 'satisfied' }), allowedFor: WORKERS },
  // Supervisors only.
  close_unreachable: {
    state: 'follow_up',
    extra: { unreachable_attempts: 3 },
    body: () => reason,
    allowedFor: SUPERVISOR,
  },
  rehandle: {
    state: 'reopened',
    extra: { latest_rating: 'unsatisfied' },
    body: () => ({}),
    allowedFor: DISPATCHER,
  },
  close_override: {
    state: 'reopened',
    extra: { latest_rating: 'unsatisfied' },
    body: () => reason,
    allowedFor: SUPERVISOR,
  },
  cancel: { state: 'accepted', body: () => reason, allowedFor: DISPATCHER },
  progress_notice: {
    state: 'in_progress',
    body: () => ({ message: '正在办理中' }),
    allowedFor: [...DISPATCHER, ...WORKERS],
  },
  classify: {
    state: 'accepted',
    body: () => ({ listType: 'need' }),
    allowedFor: [...DISPATCHER, ...WORKERS],
  },
};

// The case id the last `complete_task` body was built for (body and case are made together).
let taskCase: string | undefined;

async function pendingExtension(id: string, f: Fixture, ctx: RecipeContext) {
  const worker = await workerOf(f, ctx);
  await ctx.t.database.db
    .insertInto('case_extension')
    .values({
      district_code: worker.district,
      id: uuidv7(),
      case_id: id,
      working_days: 2,
      reason: '矩阵测试延期',
      status: 'pending',
      requested_by: worker.id,
    })
    .execute();
}

async function openTask(f: Fixture, ctx: RecipeContext): Promise<string> {
  const worker = await workerOf(f, ctx);
  const id = uuidv7();
  await ctx.t.database.db
    .insertInto('case_task')
    .values({
      district_code: worker.district,
      id,
      case_id: taskCase as string,
      department_id: await department(ctx, 'law_enforcement'),
      role: 'lead',
      report_due_at: new Date(Date.now() + 3_600_000),
      created_by: worker.id,
    })
    .execute();
  return id;
}

const actionRecipes = Object.fromEntries(
  Object.entries(ACTION_SETUPS).map(([action, setup]) => {
    const recipe: Recipe = async (f, ctx) => {
      const id = await caseIn(f, ctx, setup.state, setup.extra);
      taskCase = id;
      await setup.prepare?.(id, f, ctx);
      return {
        method: 'POST',
        url: `/api/v1/cases/${id}/${actionPath(action as CaseAction)}`,
        body: await setup.body(f, ctx),
        headers: { 'if-match': '"1"' },
        allowedFor: setup.allowedFor,
      };
    };
    return [`POST /api/v1/cases/:id/${actionPath(action as CaseAction)}`, recipe];
  }),
);

export const casesRecipes: RecipeModule = {
  recipes: {
    'POST /api/v1/cases': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/cases',
      body: {
        channel: 'walk_in',
        kind: 'consultation',
        title: `矩阵测试来访${ctx.unique()}`,
        description: '居民来访咨询政策',
        regionId: f.grid.id,
        reporter: { type: 'anonymous' },
      },
    }),
    'GET /api/v1/cases': (f) => ({
      method: 'GET',
      url: `/api/v1/cases?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'GET /api/v1/cases/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/cases/${await caseIn(f, ctx, 'submitted')}`,
    }),
    'POST /api/v1/cases/bulk': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/cases/bulk',
      body: { action: 'accept', cases: [{ id: await caseIn(f, ctx, 'submitted'), version: 1 }] },
    }),
    'GET /api/v1/case-views': () => ({ method: 'GET', url: '/api/v1/case-views', unscoped: true }),
    'POST /api/v1/case-views': (_f, ctx) => ({
      method: 'POST',
      url: '/api/v1/case-views',
      body: { name: `视图${ctx.unique()}`, filters: { state: ['submitted'] } },
      unscoped: true,
    }),
    // Deleting is idempotent: a view that is not (or no longer) the caller's answers 204 too.
    'DELETE /api/v1/case-views/:id': () => ({
      method: 'DELETE',
      url: `/api/v1/case-views/${uuidv7()}`,
      unscoped: true,
    }),
    ...actionRecipes,
  },
};
