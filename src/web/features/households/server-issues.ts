import type { ApiError } from '../../api/api-error.ts';

/** Issue reasons the server gives that have their own translation under records.problems. */
const TRANSLATED: Record<string, string> = {
  birthDateFuture: 'records.problems.birthDateFuture',
  birthDateTooEarly: 'records.problems.birthDateTooEarly',
  birthDateMismatch: 'records.problems.birthDateMismatch',
  genderMismatch: 'records.problems.genderMismatch',
  owner_scope: 'records.problems.ownerScope',
  tags: 'records.problems.tags',
};

const DUPLICATE_FIELDS = new Set(['idNumber', 'code', 'addFollowUpDates']);

/**
 * The field-level problems of a refused write that have a translation, by form field (the path
 * without `body.`), as i18n keys. A form puts these under its fields; the error itself shows as
 * an alert in the reader's language.
 */
export function fieldIssues(error: ApiError): { field: string; key: string }[] {
  const out: { field: string; key: string }[] = [];
  for (const issue of error.problem?.errors ?? []) {
    if (!issue.path.startsWith('body.')) continue;
    const field = issue.path.slice('body.'.length).split('.')[0] as string;
    const key =
      issue.reason === 'duplicate' && DUPLICATE_FIELDS.has(field)
        ? `records.problems.duplicate.${field}`
        : TRANSLATED[issue.reason];
    if (key && !out.some((o) => o.field === field && o.key === key)) out.push({ field, key });
  }
  return out;
}
