import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CaseCategory, categoryCodeSchema } from '../../../shared/domain/category.ts';
import type { Department } from '../../../shared/domain/department.ts';
import { OrgFormModal } from './OrgFormModal.tsx';
import { useOrgApi } from './org-api.ts';
import { CodeField, NameField, SortOrderField } from './org-form-fields.tsx';

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
  const current = form.mode === 'edit' ? form.category : null;
  // Active departments, plus the current owner even if it was deactivated since.
  const options = departments
    .filter((d) => d.active || d.id === current?.departmentId)
    .map((d) => ({ value: d.id, label: d.name }));

  const submit = async (values: Values) => {
    const nameEn = values.nameEn?.trim() || undefined;
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
  };

  const title = current
    ? t('org.categories.editTitle', { name: current.name })
    : form.mode === 'create' && form.parent
      ? t('org.categories.createChildTitle', { parent: form.parent.name })
      : t('org.categories.createTitle');

  return (
    <OrgFormModal<Values>
      title={title}
      form={fields}
      testId="category-form"
      saveTestId="category-save"
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
      onSubmit={submit}
      onClose={onClose}
    >
      {!current && <CodeField schema={categoryCodeSchema} />}
      <NameField />
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
      {current && <SortOrderField />}
    </OrgFormModal>
  );
}
