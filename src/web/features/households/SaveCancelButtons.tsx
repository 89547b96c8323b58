import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A record dialog's Cancel and Save; Save submits `form`, whose onFinish does the saving. */
export function SaveCancelButtons({
  form,
  busy,
  onCancel,
  saveTestId,
  saveText,
  danger = false,
}: {
  form: { submit: () => void };
  busy: boolean;
  onCancel: () => void;
  saveTestId: string;
  /** Instead of "Save", for an act that is not an edit (e.g. removing the household). */
  saveText?: ReactNode;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex justify="end" gap={8}>
      <Button onClick={onCancel}>{t('records.cancel')}</Button>
      <Button
        danger={danger}
        type="primary"
        loading={busy}
        onClick={() => form.submit()}
        data-testid={saveTestId}
      >
        {saveText ?? t('records.save')}
      </Button>
    </Flex>
  );
}
