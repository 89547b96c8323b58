import type { CaseAction } from '../../../shared/cases/workflow.ts';
import type { ActionBodies } from '../../../shared/domain/case.ts';
import type { ActionResult } from './apply-action.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { classifyCase } from './classify-case.ts';
import {
  dispatchCase,
  escalateCase,
  redispatchCase,
  refuseReturn,
  rehandleCase,
} from './dispatch-actions.ts';
import { approveExtension, refuseExtension, requestExtension } from './extension-actions.ts';
import {
  approveReply,
  closeOverride,
  closeUnreachable,
  rateCase,
  sendBack,
  sendProgressNotice,
} from './feedback-actions.ts';
import { recordFirstContact, replyCase, returnCase, signCase } from './handling-actions.ts';
import {
  acceptCase,
  answerCase,
  cancelCase,
  mergeCase,
  rejectCase,
  resolveOnSpot,
} from './intake-actions.ts';
import { completeTask, whistleCase } from './whistle-actions.ts';

type UseCase<A extends CaseAction> = (
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies[A],
) => Promise<ActionResult>;

/** Each workflow action's use case, so routes and bulk operations find them by name. */
export const CASE_USE_CASES: { [A in CaseAction]: UseCase<A> } = {
  accept: acceptCase,
  reject: rejectCase,
  merge: mergeCase,
  answer: answerCase,
  resolve_on_spot: resolveOnSpot,
  dispatch: dispatchCase,
  escalate: escalateCase,
  sign: signCase,
  return: returnCase,
  redispatch: redispatchCase,
  refuse_return: refuseReturn,
  first_contact: recordFirstContact,
  request_extension: requestExtension,
  approve_extension: approveExtension,
  refuse_extension: refuseExtension,
  whistle: whistleCase,
  complete_task: completeTask,
  reply: replyCase,
  approve_reply: approveReply,
  send_back: sendBack,
  rate: rateCase,
  close_unreachable: closeUnreachable,
  rehandle: rehandleCase,
  close_override: closeOverride,
  cancel: cancelCase,
  progress_notice: sendProgressNotice,
  classify: classifyCase,
};
