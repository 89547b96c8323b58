import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error.ts';

/** An API failure in the reader's language, with a retry button when the caller can retry. */
export function ApiErrorAlert({
  error,
  onRetry,
  testId,
}: {
  error: ApiError;
  onRetry?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      title={t(error.messageKey)}
      description={error.requestId ? `ID: ${error.requestId}` : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
