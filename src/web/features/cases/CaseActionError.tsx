import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';

const GUARDS = new Set([
  'reason_required',
  'rating_required',
  'tasks_open',
  'extension_pending',
  'no_extension_pending',
  'not_unreachable',
  'not_unsatisfied',
  'top_level',
  'below_street',
]);

/** A refused action: the workflow rule that refused it in words, or the API error as usual. */
export function CaseActionError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const rule = error.problem?.errors?.[0]?.reason;
  if (error.code === 'CASE_RULE_REFUSED' && rule && GUARDS.has(rule)) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="case-action-error"
        title={t(error.messageKey)}
        description={t(`cases.guards.${rule}`)}
      />
    );
  }
  return <ApiErrorAlert error={error} testId="case-action-error" />;
}
