import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp, KeyInfo } from '../../../shared/domain/key-household.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { keyHouseholdApi } from './key-household-api.ts';
import { SaveCancelButtons } from './SaveCancelButtons.tsx';

/** Marks one follow-up of a plan done, with what was found or done. */
export function FollowUpDoneModal({
  target,
  householdId,
  onClose,
  onSaved,
}: {
  target: { planId: string; followUp: FollowUp } | null;
  householdId: string;
  onClose: () => void;
  onSaved: (info: KeyInfo) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!target) return;
    setError(null);
    form.resetFields();
  }, [target, form]);

  return (
    <Modal
      open={target !== null}
      title={t('records.plan.markDoneTitle', { date: target?.followUp.dueDate ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      footer={<SaveCancelButtons form={form} busy={busy} onCancel={onClose} saveTestId="follow-up-save" />}
    >
      <Form<{ note: string }>
        form={form}
        layout="vertical"
        onFinish={async ({ note }) => {
          if (!target) return;
          setBusy(true);
          setError(null);
          try {
            onSaved(
              await keyHouseholdApi(api).completeFollowUp(
                householdId,
                target.planId,
                target.followUp.id,
                note,
              ),
            );
          } catch (caught) {
            setError(toApiError(caught));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="note"
          label={t('records.plan.note')}
          rules={[{ required: true, whitespace: true, message: t('records.required') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={1000}
            data-testid="follow-up-note"
          />
        </Form.Item>
        {error && <ApiErrorAlert error={error} />}
      </Form>
    </Modal>
  );
}
