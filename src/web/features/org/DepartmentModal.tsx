import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEPARTMENT_LEVELS,
  type Department,
  type DepartmentLevel,
  departmentCodeSchema,
} from '../../../shared/domain/department.ts';
import type { RegionNode } from '../../../shared/domain/region.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useOrgApi } from './org-api.ts';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
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
    setBusy(true);
    setError(null);
    try {
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
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={
        department
          ? t('org.departments.editTitle', { name: department.name })
          : t('org.departments.createTitle')
      }
      okText={t('org.common.save')}
      cancelText={t('org.common.cancel')}
      confirmLoading={busy}
      onOk={() => fields.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={fields}
        layout="vertical"
        onFinish={submit}
        data-testid="department-form"
        initialValues={
          department
            ? { name: department.name, sortOrder: department.sortOrder, active: department.active }
            : { level: 'district' }
        }
      >
        {creating && (
          <Form.Item
            name="code"
            label={t('org.common.code')}
            extra={t('org.common.codeRule')}
            rules={[
              { required: true, message: t('org.common.required') },
              {
                validator: (_rule, value: string | undefined) =>
                  !value || departmentCodeSchema.safeParse(value).success
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
          <Input maxLength={100} autoComplete="off" data-testid="department-name" />
        </Form.Item>
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
            <Form.Item name="sortOrder" label={t('org.common.sortOrder')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
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
      </Form>
      {regions.status === 'error' && <ApiErrorAlert error={regions.error} onRetry={regions.reload} />}
      {error && <ApiErrorAlert error={error} />}
    </Modal>
  );
}
