import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { GUARD_FAILURES } from '../../../shared/cases/workflow.ts';
import type { ApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';

// Refusals with their own words (cases.guards); cancel_not_allowed has its own error code.
const GUARDS: ReadonlySet<string> = new Set(GUARD_FAILURES.filter((g) => g !== 'cancel_not_allowed'));

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
