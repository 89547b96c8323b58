import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { OfflineMissError } from './field-data.ts';

/** A load that failed: "not kept on this phone" when offline, otherwise the API error. */
export function FieldError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (error instanceof OfflineMissError || cause instanceof OfflineMissError)
    return <Alert type="warning" showIcon title={t('field.notKept')} data-testid="field-not-kept" />;
  return <ApiErrorAlert error={toApiError(error)} onRetry={onRetry} />;
}

/** "Offline copy saved at …" above something shown from the phone's copy. */
export function OfflineCopyNote({ since }: { since: string | null }) {
  const { t } = useTranslation();
  if (!since) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="field-offline-copy"
      title={t('field.offlineCopy', { time: new Date(since).toLocaleString() })}
      style={{ marginBottom: 12 }}
    />
  );
}
