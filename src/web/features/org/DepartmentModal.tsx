import { Form, Select, Switch } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEPARTMENT_LEVELS,
  type Department,
  type DepartmentLevel,
  departmentCodeSchema,
} from '../../../shared/domain/department.ts';
import type { RegionNode } from '../../../shared/domain/region.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { OrgFormModal } from './OrgFormModal.tsx';
import { useOrgApi } from './org-api.ts';
import { CodeField, NameField, SortOrderField } from './org-form-fields.tsx';

interface Values {
  code?: string;
  name: string;
  level?: DepartmentLevel;
  regionId?: string;
  sortOrder?: number | null;
  active?: boolean;
}

/** The district and street nodes a department may belong to (those the user reaches). */
async function departmentRegions(
  listRegions: (parentId?: string, signal?: AbortSignal) => Promise<RegionNode[]>,
  signal: AbortSignal,
): Promise<RegionNode[]> {
  const roots = await listRegions(undefined, signal);
  const districts = roots.filter((r) => r.level === 'district');
  const streets = (await Promise.all(districts.map((d) => listRegions(d.id, signal)))).flat();
  return [...districts, ...roots.filter((r) => r.level === 'street'), ...streets];
}

/** Creates a department, or edits one's name, order and active flag (code and level are fixed). */
export function DepartmentModal({
  department,
  onSaved,
  onClose,
}: {
  /** Undefined to create a new one. */
  department?: Department;
  onSaved: (saved: Department) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useApi();
  const api = useOrgApi();
  const [fields] = Form.useForm<Values>();
  const level = Form.useWatch('level', fields);
  const creating = department === undefined;
  const loadRegions = useCallback(
    (signal: AbortSignal) =>
      creating
        ? departmentRegions((p, s) => client.listRegions(p, s), signal)
        : Promise.resolve([] as RegionNode[]),
    [client, creating],
  );
  const regions = useAsync(loadRegions);
  const regionOptions = (regions.data ?? [])
    .filter((r) => r.level === level)
    .map((r) => ({ value: r.id, label: r.name }));

  const submit = async (values: Values) => {
    const saved = department
      ? await api.updateDepartment(department.id, {
          name: values.name.trim(),
          active: values.active ?? department.active,
          ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
        })
      : await api.createDepartment({
          code: (values.code ?? '').trim(),
          name: values.name.trim(),
          level: values.level as DepartmentLevel,
          regionId: values.regionId as string,
        });
    onSaved(saved);
  };

  return (
    <OrgFormModal<Values>
      title={
        department
          ? t('org.departments.editTitle', { name: department.name })
          : t('org.departments.createTitle')
      }
      form={fields}
      testId="department-form"
      initialValues={
        department
          ? { name: department.name, sortOrder: department.sortOrder, active: department.active }
          : { level: 'district' }
      }
      notice={regions.status === 'error' && <ApiErrorAlert error={regions.error} onRetry={regions.reload} />}
      onSubmit={submit}
      onClose={onClose}
    >
      {creating && <CodeField schema={departmentCodeSchema} />}
      <NameField testId="department-name" />
      {creating && (
        <>
          <Form.Item name="level" label={t('org.departments.level')} rules={[{ required: true }]}>
            <Select
              options={DEPARTMENT_LEVELS.map((l) => ({
                value: l,
                label: t(`org.departments.levels.${l}`),
              }))}
              onChange={() => fields.setFieldValue('regionId', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="regionId"
            label={t('org.departments.region')}
            rules={[{ required: true, message: t('org.common.required') }]}
          >
            <Select options={regionOptions} loading={regions.status === 'loading'} />
          </Form.Item>
        </>
      )}
      {!creating && (
        <>
          <SortOrderField />
          <Form.Item
            name="active"
            label={t('org.common.status')}
            valuePropName="checked"
            extra={t('org.departments.activeHelp')}
          >
            <Switch checkedChildren={t('org.common.active')} unCheckedChildren={t('org.common.inactive')} />
          </Form.Item>
        </>
      )}
    </OrgFormModal>
  );
}
