import { Form, type FormInstance, type FormProps, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDialogAction } from '../../components/use-dialog-action.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';

/**
 * The dialog that creates or edits an organisation record (a region, a department, a case
 * category): its form, Save and Cancel, and the server's refusal under the form. `onSubmit`
 * saves; the owner closes the dialog when it succeeds.
 */
export function OrgFormModal<Values extends object>({
  title,
  form,
  initialValues,
  testId,
  saveTestId,
  notice,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  form: FormInstance<Values>;
  initialValues: FormProps<Values>['initialValues'];
  testId: string;
  saveTestId?: string;
  /** Shown under the form, above a refusal (e.g. a list the form needs failed to load). */
  notice?: ReactNode;
  onSubmit: (values: Values) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const action = useDialogAction();
  return (
    <Modal
      open
      title={title}
      okText={t('org.common.save')}
      cancelText={t('org.common.cancel')}
      confirmLoading={action.busy}
      okButtonProps={{ ...({ 'data-testid': saveTestId } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => action.run(() => onSubmit(values))}
        data-testid={testId}
        initialValues={initialValues}
      >
        {children}
      </Form>
      {notice}
      {action.error && <ApiErrorAlert error={action.error} />}
    </Modal>
  );
}
