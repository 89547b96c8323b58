import { Alert, Flex, Input, Modal, Radio, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiErrorAlert } from '../errors/ApiErrorAlert.tsx';
import { OTHER_REASON, REASON_MAX, reasonText } from './reason-text.ts';
import { useDialogAction } from './use-dialog-action.ts';

/**
 * Asks why before an act the audit log keeps with its reason (showing personal data in full,
 * taking a record off the books): preset reasons, the last one "other" for the person's own
 * words. `onConfirm` performs the request; a refusal stays in the dialog.
 */
export function ReasonModal({
  open = true,
  title,
  okText,
  cancelText,
  danger = false,
  lead,
  warning,
  reasonTitle,
  reasons,
  reasonLabel,
  otherPlaceholder,
  testId,
  errorTestId,
  onConfirm,
  onClose,
}: {
  open?: boolean;
  title: string;
  okText: string;
  cancelText: string;
  danger?: boolean;
  /** What the act is about, above the warning. */
  lead: ReactNode;
  warning: string;
  reasonTitle: string;
  /** Preset reasons, the first chosen at the start, ending with "other". */
  reasons: readonly string[];
  reasonLabel: (reason: string) => string;
  otherPlaceholder: string;
  testId: string;
  errorTestId?: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const initial = reasons[0] ?? OTHER_REASON;
  const [choice, setChoice] = useState(initial);
  const [otherText, setOtherText] = useState('');
  const action = useDialogAction();
  const reason = reasonText(choice, otherText, reasonLabel);

  const reset = () => {
    setChoice(initial);
    setOtherText('');
    action.reset();
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={cancelText}
      okButtonProps={{ danger, disabled: reason === undefined }}
      confirmLoading={action.busy}
      destroyOnHidden
      afterClose={reset}
      onCancel={onClose}
      onOk={async () => {
        if (reason !== undefined) await action.run(() => onConfirm(reason));
      }}
    >
      <Flex vertical gap={12} data-testid={testId}>
        {lead}
        <Alert type="warning" showIcon title={warning} />
        <Typography.Text strong>{reasonTitle}</Typography.Text>
        <Radio.Group
          value={choice}
          onChange={(event) => setChoice(event.target.value as string)}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={reasons.map((value) => ({ value, label: reasonLabel(value) }))}
        />
        {choice === OTHER_REASON && (
          <Input.TextArea
            autoFocus
            value={otherText}
            maxLength={REASON_MAX}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={otherPlaceholder}
            aria-label={reasonLabel(OTHER_REASON)}
            onChange={(event) => setOtherText(event.target.value)}
          />
        )}
        {action.error && <ApiErrorAlert error={action.error} testId={errorTestId} />}
      </Flex>
    </Modal>
  );
}
