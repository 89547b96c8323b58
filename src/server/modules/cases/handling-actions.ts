import type { ActionBodies } from '../../../shared/domain/case.ts';
import { applyCaseAction } from './apply-action.ts';
import type { CaseWriteContext } from './case-write-context.ts';

/** The unit signs for a dispatched case (签收): the handling starts, first contact is due. */
export function signCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  _body: ActionBodies['sign'],
) {
  return applyCaseAction(ctx, { caseId, version, action: 'sign' });
}

/** The unit returns a case that is not its duty or not in its area, with the reason. */
export function returnCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['return'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'return',
    input: { reason: body.reason },
    effect: async () => ({ detail: { returnKind: body.returnKind } }),
  });
}

/** 先行联系: the unit reached the reporter; stops the first-contact clock. */
export function recordFirstContact(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['first_contact'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'first_contact',
    effect: async () => ({ detail: { note: body.note } }),
  });
}

/** The unit replies with its result; allowed only when every summoned task is done. */
export function replyCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['reply'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'reply',
    effect: async () => ({ detail: { reply: body.reply } }),
  });
}
