import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseCategory, categoryCodeSchema } from '../../../shared/domain/category.ts';
import type { Department } from '../../../shared/domain/department.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useOrgApi } from './org-api.ts';

export type CategoryForm =
  | { mode: 'create'; parent: CaseCategory | null }
  | { mode: 'edit'; category: CaseCategory };

interface Values {
  code?: string;
  name: string;
  nameEn?: string;
  departmentId?: string | null;
  sortOrder?: number | null;
}

/** Creates a top category or a subcategory, or edits a category's names, owner and order. */
export function CategoryModal({
  form,
  departments,
  onSaved,
  onClose,
}: {
  form: CategoryForm;
  departments: readonly Department[];
  onSaved: (saved: CaseCategory) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useOrgApi();
  const [fields] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const current = form.mode === 'edit' ? form.category : null;
  // Active departments, plus the current owner even if it was deactivated since.
  const options = departments
    .filter((d) => d.active || d.id === current?.departmentId)
    .map((d) => ({ value: d.id, label: d.name }));

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    const nameEn = values.nameEn?.trim() || undefined;
    try {
      const saved = current
        ? await api.updateCategory(current.id, {
            name: values.name.trim(),
            nameEn: nameEn ?? null,
            departmentId: values.departmentId ?? null,
            ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
          })
        : await api.createCategory({
            code: (values.code ?? '').trim(),
            name: values.name.trim(),
            ...(nameEn ? { nameEn } : {}),
            ...(values.departmentId ? { departmentId: values.departmentId } : {}),
            ...(form.mode === 'create' && form.parent ? { parentId: form.parent.id } : {}),
          });
      onSaved(saved);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  const title = current
    ? t('org.categories.editTitle', { name: current.name })
    : form.mode === 'create' && form.parent
      ? t('org.categories.createChildTitle', { parent: form.parent.name })
      : t('org.categories.createTitle');

  return (
    <Modal
      open
      title={title}
      okText={t('org.common.save')}
      cancelText={t('org.common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ ...({ 'data-testid': 'category-save' } as object) }}
      onOk={() => fields.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={fields}
        layout="vertical"
        onFinish={submit}
        data-testid="category-form"
        initialValues={
          current
            ? {
                name: current.name,
                nameEn: current.nameEn ?? undefined,
                departmentId: current.departmentId ?? undefined,
                sortOrder: current.sortOrder,
              }
            : {}
        }
      >
        {!current && (
          <Form.Item
            name="code"
            label={t('org.common.code')}
            extra={t('org.common.codeRule')}
            rules={[
              { required: true, message: t('org.common.required') },
              {
                validator: (_rule, value: string | undefined) =>
                  !value || categoryCodeSchema.safeParse(value).success
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('org.common.codeRule'))),
              },
            ]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('org.common.name')}
          rules={[{ required: true, whitespace: true, message: t('org.common.required') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('org.categories.nameEn')}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('org.categories.department')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            placeholder={t('org.categories.selectDepartment')}
            data-testid="category-department"
          />
        </Form.Item>
        {current && (
          <Form.Item name="sortOrder" label={t('org.common.sortOrder')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
      {error && <ApiErrorAlert error={error} />}
    </Modal>
  );
}
