import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  KEY_RECORD_FIELDS,
  type KeyInfo,
  type KeyRecordInput,
} from '../../../shared/domain/key-household.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { keyHouseholdApi } from './key-household-api.ts';
import { SaveCancelButtons } from './SaveCancelButtons.tsx';

/** Records the "五个要" of a key household; the form starts from the latest record, to be updated. */
export function KeyRecordModal({
  open,
  householdId,
  latest,
  onClose,
  onSaved,
}: {
  open: boolean;
  householdId: string;
  latest: KeyRecordInput | null;
  onClose: () => void;
  onSaved: (info: KeyInfo) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<KeyRecordInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (latest) form.setFieldsValue(latest);
  }, [open, latest, form]);

  return (
    <Modal
      open={open}
      title={t('records.key.recordTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={<SaveCancelButtons form={form} busy={busy} onCancel={onClose} saveTestId="key-record-save" />}
    >
      <Form<KeyRecordInput>
        form={form}
        layout="vertical"
        data-testid="key-record-form"
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            onSaved(await keyHouseholdApi(api).record(householdId, values));
          } catch (caught) {
            setError(toApiError(caught));
          } finally {
            setBusy(false);
          }
        }}
      >
        {KEY_RECORD_FIELDS.map((field) => (
          <Form.Item
            key={field}
            name={field}
            label={t(`records.key.fields.${field}`)}
            rules={[{ required: true, whitespace: true, message: t('records.required') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              data-testid={`key-${field}`}
            />
          </Form.Item>
        ))}
        {error && <ApiErrorAlert error={error} />}
      </Form>
    </Modal>
  );
}
