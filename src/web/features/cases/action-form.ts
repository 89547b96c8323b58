import type { CaseAction } from '../../../shared/cases/workflow.ts';
import type { Unit } from '../../../shared/domain/case.ts';

/** What the form of one action shows, after its body in ACTION_BODIES. */
export interface ActionFields {
  /** The one text the action needs (a reason, a reply, a note), under its body field name. */
  text?: { name: 'reason' | 'reply' | 'note' | 'message'; label: string; required: boolean; max: number };
  /** An optional note beside the other fields. */
  note?: { label: string };
  unit?: 'required' | 'optional';
  rejectKind?: true;
  returnKind?: true;
  intoCase?: true;
  rating?: true;
  workingDays?: true;
  whistle?: true;
  task?: true;
  /** Category, kind, urgency and list (ClassifyForm shows them; only changed ones are sent). */
  classification?: true;
  danger?: boolean;
}

const reason = { name: 'reason', label: 'cases.act.reason', required: true, max: 1000 } as const;
const reply = { name: 'reply', label: 'cases.act.reply', required: true, max: 4000 } as const;
const note = { label: 'cases.act.note' } as const;

export function actionForm(action: CaseAction): ActionFields {
  switch (action) {
    case 'accept':
    case 'sign':
    case 'approve_extension':
    case 'approve_reply':
      return { note };
    case 'reject':
      return { text: reason, rejectKind: true, danger: true };
    case 'merge':
      return { text: reason, intoCase: true };
    case 'answer':
    case 'resolve_on_spot':
    case 'reply':
      return { text: reply };
    case 'dispatch':
    case 'redispatch':
      return { unit: 'required', note };
    case 'rehandle':
      return { unit: 'optional', note };
    case 'return':
      return { text: reason, returnKind: true };
    case 'escalate':
    case 'refuse_return':
    case 'refuse_extension':
    case 'send_back':
    case 'close_unreachable':
    case 'close_override':
      return { text: reason };
    case 'cancel':
      return { text: reason, danger: true };
    case 'first_contact':
      return { text: { name: 'note', label: 'cases.act.contactNote', required: true, max: 1000 } };
    case 'request_extension':
      return { text: reason, workingDays: true };
    case 'whistle':
      return { whistle: true, note };
    case 'complete_task':
      return { task: true, text: { name: 'note', label: 'cases.act.note', required: true, max: 1000 } };
    case 'rate':
      return { rating: true, note: { label: 'cases.act.ratingNote' } };
    case 'progress_notice':
      return { text: { name: 'message', label: 'cases.act.message', required: true, max: 1000 } };
    // Its own dialog on the case page (ClassifyForm), with categories suggested.
    case 'classify':
      return { classification: true };
  }
}

export interface ActionFormValues {
  reason?: string;
  reply?: string;
  note?: string;
  message?: string;
  rejectKind?: string;
  returnKind?: string;
  intoCaseId?: string;
  rating?: string;
  solved?: boolean;
  workingDays?: number;
  leadDepartmentId?: string;
  assistDepartmentIds?: string[];
  reportWithinMinutes?: number;
  taskId?: string;
  categoryId?: string;
  kind?: string;
  urgency?: string;
  listType?: string;
}

/** The body the action takes, from the form's values: blanks left out, the unit added. */
export function actionBody(action: CaseAction, values: ActionFormValues, unit: Unit | null): object {
  const fields = actionForm(action);
  const body: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (typeof value === 'string' && value.trim() === '') return;
    body[key] = typeof value === 'string' ? value.trim() : value;
  };
  if (fields.text) put(fields.text.name, values[fields.text.name]);
  if (fields.note) put('note', values.note);
  if (fields.unit && unit) body.unit = unit;
  if (fields.rejectKind) put('rejectKind', values.rejectKind);
  if (fields.returnKind) put('returnKind', values.returnKind);
  if (fields.intoCase) put('intoCaseId', values.intoCaseId);
  if (fields.rating) {
    put('rating', values.rating);
    if (values.rating !== 'unreachable') put('solved', values.solved);
  }
  if (fields.workingDays) put('workingDays', values.workingDays);
  if (fields.task) put('taskId', values.taskId);
  if (fields.classification) {
    put('categoryId', values.categoryId);
    put('kind', values.kind);
    put('urgency', values.urgency);
    put('listType', values.listType);
  }
  if (fields.whistle) {
    put('leadDepartmentId', values.leadDepartmentId);
    put(
      'assistDepartmentIds',
      (values.assistDepartmentIds ?? []).filter((id) => id !== values.leadDepartmentId),
    );
    put('reportWithinMinutes', values.reportWithinMinutes);
  }
  return body;
}
