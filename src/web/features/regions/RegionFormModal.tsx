import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CHILD_LEVEL,
  REGION_KINDS,
  type RegionLevel,
  type RegionNode,
  regionCodeSchema,
} from '../../../shared/domain/region.ts';
import { OrgFormModal } from '../org/OrgFormModal.tsx';
import { CodeField, NameField, SortOrderField } from '../org/org-form-fields.tsx';
import { useRegionsApi } from './regions-api.ts';

export type RegionForm = { mode: 'create'; parent: RegionNode } | { mode: 'rename'; region: RegionNode };

interface Values {
  code?: string;
  name: string;
  kind?: string;
  sortOrder?: number;
}

/** Adds a child below a node, or renames a node (and changes its kind or order). */
export function RegionFormModal({
  form,
  onSaved,
  onClose,
}: {
  form: RegionForm;
  onSaved: (region: RegionNode) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useRegionsApi();
  const [fields] = Form.useForm<Values>();
  const level: RegionLevel =
    form.mode === 'create' ? (CHILD_LEVEL[form.parent.level] as RegionLevel) : form.region.level;
  const kinds = REGION_KINDS[level];
  const title =
    form.mode === 'create'
      ? t('org.regionEdit.createTitle', { parent: form.parent.name, level: t(`levels.${level}`) })
      : t('org.regionEdit.renameTitle', { name: form.region.name });

  const submit = async (values: Values) => {
    const saved =
      form.mode === 'create'
        ? await api.create({
            parentId: form.parent.id,
            code: (values.code ?? '').trim(),
            name: values.name.trim(),
            ...(values.kind ? { kind: values.kind } : {}),
          })
        : await api.update(form.region.id, {
            name: values.name.trim(),
            ...(values.kind && values.kind !== form.region.kind ? { kind: values.kind } : {}),
            ...(values.sortOrder !== undefined && values.sortOrder !== null
              ? { sortOrder: values.sortOrder }
              : {}),
          });
    onSaved(saved);
  };

  return (
    <OrgFormModal<Values>
      title={title}
      form={fields}
      testId="region-form"
      saveTestId="region-form-save"
      initialValues={
        form.mode === 'create'
          ? { kind: kinds?.[0] }
          : { name: form.region.name, kind: form.region.kind ?? undefined }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      {form.mode === 'create' && <CodeField schema={regionCodeSchema} testId="region-code" />}
      <NameField testId="region-name" />
      {kinds && (
        <Form.Item name="kind" label={t('org.regionEdit.kind')}>
          <Select options={kinds.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
      )}
      {form.mode === 'rename' && <SortOrderField />}
    </OrgFormModal>
  );
}
