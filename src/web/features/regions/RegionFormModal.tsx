import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHILD_LEVEL,
  REGION_KINDS,
  type RegionLevel,
  type RegionNode,
  regionCodeSchema,
} from '../../../shared/domain/region.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const level: RegionLevel =
    form.mode === 'create' ? (CHILD_LEVEL[form.parent.level] as RegionLevel) : form.region.level;
  const kinds = REGION_KINDS[level];
  const title =
    form.mode === 'create'
      ? t('org.regionEdit.createTitle', { parent: form.parent.name, level: t(`levels.${level}`) })
      : t('org.regionEdit.renameTitle', { name: form.region.name });

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
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
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={t('org.common.save')}
      cancelText={t('org.common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ ...({ 'data-testid': 'region-form-save' } as object) }}
      onOk={() => fields.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={fields}
        layout="vertical"
        onFinish={submit}
        data-testid="region-form"
        initialValues={
          form.mode === 'create'
            ? { kind: kinds?.[0] }
            : { name: form.region.name, kind: form.region.kind ?? undefined }
        }
      >
        {form.mode === 'create' && (
          <Form.Item
            name="code"
            label={t('org.common.code')}
            extra={t('org.common.codeRule')}
            rules={[
              { required: true, message: t('org.common.required') },
              {
                validator: (_rule, value: string | undefined) =>
                  !value || regionCodeSchema.safeParse(value).success
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('org.common.codeRule'))),
              },
            ]}
          >
            <Input maxLength={32} autoComplete="off" data-testid="region-code" />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('org.common.name')}
          rules={[{ required: true, whitespace: true, message: t('org.common.required') }]}
        >
          <Input maxLength={100} autoComplete="off" data-testid="region-name" />
        </Form.Item>
        {kinds && (
          <Form.Item name="kind" label={t('org.regionEdit.kind')}>
            <Select options={kinds.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        )}
        {form.mode === 'rename' && (
          <Form.Item name="sortOrder" label={t('org.common.sortOrder')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
      {error && <ApiErrorAlert error={error} />}
    </Modal>
  );
}
