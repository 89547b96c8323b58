import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { householdWritesApi } from './household-writes-api.ts';
import { SaveCancelButtons } from './SaveCancelButtons.tsx';

/** Marks a household as moved out, with the reason the audit log keeps. */
export function RemoveHouseholdModal({
  open,
  householdId,
  onClose,
  onRemoved,
}: {
  open: boolean;
  householdId: string;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  return (
    <Modal
      open={open}
      title={t('records.household.removeTitle')}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setError(null)}
      footer={
        <SaveCancelButtons
          form={form}
          busy={busy}
          onCancel={onClose}
          saveTestId="household-remove-confirm"
          saveText={t('records.household.remove')}
          danger
        />
      }
    >
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          setBusy(true);
          setError(null);
          try {
            await householdWritesApi(api).remove(householdId, reason.trim());
            onRemoved();
          } catch (caught) {
            setError(toApiError(caught));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Alert
          type="warning"
          showIcon
          title={t('records.household.removeWarning')}
          style={{ marginBottom: 16 }}
        />
        <Form.Item
          name="reason"
          label={t('records.household.removeReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('records.required') }]}
        >
          <Input.TextArea
            maxLength={200}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('records.household.removeReasonPlaceholder')}
            data-testid="household-remove-reason"
          />
        </Form.Item>
        {error && <ApiErrorAlert error={error} />}
      </Form>
    </Modal>
  );
}
