import { v7 as uuidv7 } from 'uuid';
import type { ActionBodies } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { applyCaseAction } from './apply-action.ts';
import { createCaseWorkRepository } from './case-work.repository.ts';
import type { CaseWriteContext } from './case-write-context.ts';

const badDepartments = (message: string) =>
  new AppError('VALIDATION_FAILED', message, {
    issues: [{ path: 'body.assistDepartmentIds', reason: 'reference', message }],
  });

/**
 * 街乡吹哨、部门报到: the street summons departments to a case in progress, one leading and the
 * others assisting, each to report in within the set time; the case replies only when all are done.
 */
export function whistleCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['whistle'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'whistle',
    effect: async (trx, row) => {
      const work = createCaseWorkRepository(trx);
      const ids = [body.leadDepartmentId, ...body.assistDepartmentIds];
      if (new Set(ids).size !== ids.length) throw badDepartments('Each department is summoned once.');
      const found = await work.activeDepartments(row.district_code, ids);
      if (found.length !== ids.length) throw badDepartments('No such active department.');
      // A department whose earlier task is done may be summoned again; one still working may not.
      const already = await work.openTaskDepartments(row.district_code, row.id);
      if (ids.some((id) => already.includes(id))) throw badDepartments('A department is already summoned.');
      const due = new Date(ctx.now.getTime() + body.reportWithinMinutes * 60_000);
      const tasks = ids.map((id, i) => ({
        district_code: row.district_code,
        id: uuidv7(),
        case_id: row.id,
        department_id: id,
        role: (i === 0 ? 'lead' : 'assist') as 'lead' | 'assist',
        report_due_at: due,
        created_by: ctx.principal.userId,
        // The change's time: the whistle's notice finds the departments it summoned by it.
        created_at: ctx.now,
      }));
      const name = new Map(found.map((d) => [d.id, d.name]));
      return {
        patch: { open_tasks: row.open_tasks + tasks.length, whistles: row.whistles + 1 },
        detail: {
          tasks: tasks.map((t) => ({ department: name.get(t.department_id), role: t.role })),
          reportDueAt: due.toISOString(),
          ...(body.note ? { note: body.note } : {}),
        },
        write: () => work.insertTasks(tasks),
      };
    },
  });
}

/** A summoned department reports its task done (報到 and result in one note). */
export function completeTask(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['complete_task'],
) {
  const myDepartments = ctx.principal.grants.flatMap((g) =>
    g.scopeDepartmentId ? [g.scopeDepartmentId] : [],
  );
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'complete_task',
    // The summoned department, not only the case's unit, acts on its own task.
    taskDepartments: async (trx, row) => {
      const task = await createCaseWorkRepository(trx).task(row.district_code, row.id, body.taskId);
      return task && myDepartments.includes(task.department_id) ? [task.department_id] : [];
    },
    effect: async (trx, row) => {
      const work = createCaseWorkRepository(trx);
      const task = await work.task(row.district_code, row.id, body.taskId);
      if (!task) {
        throw new AppError('VALIDATION_FAILED', 'No such task on this case.', {
          issues: [{ path: 'body.taskId', reason: 'reference', message: 'unknown task' }],
        });
      }
      if (!myDepartments.includes(task.department_id)) {
        throw new AppError('FORBIDDEN', 'Only the summoned department reports its own task done.');
      }
      if (task.done_at) throw new AppError('CASE_WRONG_STATE', 'The task is already done.');
      return {
        patch: { open_tasks: Math.max(0, row.open_tasks - 1) },
        detail: { task: task.id, role: task.role, note: body.note },
        write: () => work.completeTask(row.district_code, task.id, ctx.now, body.note),
      };
    },
  });
}
