import { type CaseAction, RATINGS } from '../../src/shared/cases/workflow.ts';
import type { CaseDetail } from '../../src/shared/domain/case.ts';

/** What a suite lets the bodies choose among. */
export interface BodyChoices {
  /** Departments to dispatch to and summon (a walk varies between them with `pick`). */
  departments: readonly [string, ...string[]];
  /** The open case a merge folds into. */
  mergeInto: string;
  /** Varies the choices (department, working days, rating) in random walks; 0 takes the first. */
  pick?: number;
  /** The caller's own department: its open task is the one it reports on, when it has one. */
  ownDepartment?: string | null;
}

const NO_TASK = '00000000-0000-7000-8000-000000000000';

/**
 * A valid body for each workflow action, shared by the case suites (whether the action applies
 * now is the server's to say).
 */
export function validBody(action: CaseAction, c: CaseDetail, choices: BodyChoices): unknown {
  const pick = choices.pick ?? 0;
  const department = (n: number) => choices.departments[n % choices.departments.length] as string;
  const reason = { reason: '测试用的理由' };
  switch (action) {
    case 'reject':
      return { ...reason, rejectKind: 'invalid' };
    case 'merge':
      return { ...reason, intoCaseId: choices.mergeInto };
    case 'answer':
    case 'resolve_on_spot':
    case 'reply':
      return { reply: '已处理完毕' };
    case 'dispatch':
    case 'redispatch':
      return { unit: { departmentId: department(pick) } };
    case 'return':
      return { ...reason, returnKind: 'not_our_duty' };
    case 'first_contact':
      return { note: '已电话联系' };
    case 'request_extension':
      return { ...reason, workingDays: 1 + (pick % 5) };
    case 'whistle':
      return { leadDepartmentId: department(pick + 1) };
    case 'complete_task': {
      const open = c.tasks.filter((x) => !x.doneAt);
      const task = open.find((x) => x.departmentId === choices.ownDepartment) ?? open[0];
      return { taskId: task?.id ?? NO_TASK, note: '已报到并处置' };
    }
    case 'rate': {
      const rating = RATINGS[pick % RATINGS.length];
      // Whether it was solved is asked only of a reached resident, and answered either way.
      return rating === 'unreachable' ? { rating } : { rating, solved: pick % 3 !== 0 };
    }
    case 'progress_notice':
      return { message: '正在办理' };
    case 'classify':
      // Always a change: the other list than the one the case is on.
      return { listType: c.listType === 'need' ? 'problem' : 'need' };
    case 'escalate':
    case 'refuse_return':
    case 'refuse_extension':
    case 'send_back':
    case 'close_unreachable':
    case 'close_override':
    case 'cancel':
      return reason;
    default:
      return {};
  }
}
