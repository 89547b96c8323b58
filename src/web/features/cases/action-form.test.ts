import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '../../../shared/cases/workflow.ts';
import { ACTION_BODIES } from '../../../shared/domain/case.ts';
import { actionBody, actionForm } from './action-form.ts';

const DEPT = '0190f0e0-0000-7000-8000-000000000001';
const OTHER = '0190f0e0-0000-7000-8000-000000000002';

/** Values a person could fill into every field the form shows. */
const filled = {
  reason: '  群众反映属实  ',
  reply: '已清理完毕',
  note: '已电话联系',
  message: '正在办理',
  rejectKind: 'invalid',
  returnKind: 'not_our_duty',
  intoCaseId: DEPT,
  rating: 'satisfied',
  workingDays: 3,
  leadDepartmentId: DEPT,
  assistDepartmentIds: [DEPT, OTHER],
  reportWithinMinutes: 30,
  taskId: DEPT,
  listType: 'need',
};

describe('action forms', () => {
  it('build a body every action schema accepts from a filled form', () => {
    for (const action of CASE_ACTIONS) {
      const body = actionBody(action, filled, { departmentId: DEPT });
      const parsed = ACTION_BODIES[action].safeParse(body);
      expect(parsed.success, `${action}: ${JSON.stringify(body)}`).toBe(true);
    }
  });

  it('leave out blank optional notes and keep the lead out of the assisting departments', () => {
    expect(actionBody('accept', { note: '  ' }, null)).toEqual({});
    expect(actionBody('rehandle', {}, null)).toEqual({});
    expect(actionBody('request_extension', filled, null)).toEqual({ reason: '群众反映属实', workingDays: 3 });
    expect(actionBody('whistle', filled, null)).toMatchObject({ assistDepartmentIds: [OTHER] });
  });

  it('ask for a unit where dispatching needs one', () => {
    expect(actionForm('dispatch').unit).toBe('required');
    expect(actionForm('rehandle').unit).toBe('optional');
    expect(actionForm('sign').unit).toBeUndefined();
  });
});
