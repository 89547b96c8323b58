import { App, Button, Checkbox, Drawer, Flex, Form, Grid, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTACT_NAME_MAX,
  ENTERPRISE_ADDRESS_MAX,
  ENTERPRISE_NAME_MAX,
  type EnterpriseDetail,
} from '../../../shared/domain/enterprise.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { PositionInputs } from '../../components/PositionInputs.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import {
  changeBody,
  createBody,
  creditCodeProblem,
  type EnterpriseFormValues,
  fieldErrorsFrom,
  initialValues,
  isValidContactPhone,
} from './enterprise-form.ts';
import { useEnterprisesApi } from './enterprises-api.ts';
import { GridSelect } from './GridSelect.tsx';
import { useEnterpriseTags } from './use-enterprise-tags.ts';

/**
 * Records a new enterprise (no `enterprise`) or edits one. The credit code's check character and
 * the phone are checked here as on the server; an edit sends only the fields that changed. The
 * contact phone on record is never shown: typing a new one replaces it.
 */
export function EnterpriseFormDrawer({
  enterprise,
  onClose,
  onSaved,
}: {
  enterprise?: EnterpriseDetail;
  onClose: () => void;
  onSaved: (saved: EnterpriseDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useEnterprisesApi();
  const tags = useEnterpriseTags();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const clearPhone = Form.useWatch('clearContactPhone', form);

  // Retired tags stay choosable only where the enterprise already carries them.
  const held = new Set(enterprise?.tags ?? []);
  const tagOptions = [
    ...tags.definitions
      .filter((d) => d.active || held.has(d.code))
      .map((d) => ({ value: d.code, label: tags.label(d.code) })),
    ...[...held]
      .filter((code) => !tags.definitions.some((d) => d.code === code))
      .map((code) => ({ value: code, label: code })),
  ];

  const submit = async (values: EnterpriseFormValues) => {
    setError(null);
    const change = enterprise ? changeBody(enterprise, values) : null;
    if (enterprise && change === null) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      const saved =
        enterprise && change ? await api.update(enterprise.id, change) : await api.create(createBody(values));
      void message.success(t(enterprise ? 'enterprises.form.saved' : 'enterprises.form.created'));
      onSaved(saved);
    } catch (caught) {
      const apiError = toApiError(caught);
      const fields = fieldErrorsFrom(apiError);
      if (fields.length > 0) {
        form.setFields(fields.map((f) => ({ name: f.field, errors: [t(f.messageKey)] })));
      } else {
        setError(apiError);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      destroyOnHidden
      size={screens.md ? 560 : '100%'}
      title={t(enterprise ? 'enterprises.form.editTitle' : 'enterprises.form.createTitle')}
      onClose={onClose}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('enterprises.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="enterprise-save">
            {t('enterprises.save')}
          </Button>
        </Flex>
      }
    >
      <Form<EnterpriseFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(enterprise)}
        onFinish={submit}
        requiredMark
        data-testid="enterprise-form"
      >
        <Form.Item
          name="gridId"
          label={t('enterprises.grid')}
          rules={[{ required: true, message: t('enterprises.form.gridRequired') }]}
        >
          <GridSelect
            placeholder={t('enterprises.form.gridPlaceholder')}
            openPath={enterprise ? enterprise.regionPath.slice(0, -1).map((r) => r.id) : []}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('enterprises.name')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('enterprises.form.nameRequired') }]}
        >
          <Input maxLength={ENTERPRISE_NAME_MAX} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('enterprises.creditCode')}
          required
          extra={t('enterprises.form.creditCodeHint')}
          normalize={(value: string) => value.toUpperCase()}
          validateTrigger="onBlur"
          rules={[
            {
              validator: async (_rule, value: string) => {
                const problem = creditCodeProblem(value ?? '');
                if (problem === 'checkChar') throw new Error(t('enterprises.form.creditCodeCheck'));
                if (problem === 'format') throw new Error(t('enterprises.form.creditCodeFormat'));
              },
            },
          ]}
        >
          <Input
            maxLength={18}
            style={{ fontFamily: 'monospace' }}
            autoComplete="off"
            data-testid="credit-code-input"
          />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('enterprises.address')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('enterprises.form.addressRequired') },
          ]}
        >
          <Input maxLength={ENTERPRISE_ADDRESS_MAX} data-testid="address-input" />
        </Form.Item>
        <Form.Item name="tags" label={t('enterprises.tags')}>
          <Select<string[]>
            mode="multiple"
            allowClear
            placeholder={t('enterprises.form.tagsPlaceholder')}
            options={tagOptions}
          />
        </Form.Item>
        <Form.Item name="contactName" label={t('enterprises.contactName')}>
          <Input maxLength={CONTACT_NAME_MAX} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('enterprises.contactPhone')}
          validateTrigger="onBlur"
          rules={[
            {
              validator: async (_rule, value: string) => {
                if (!isValidContactPhone(value ?? ''))
                  throw new Error(t('enterprises.form.contactPhoneFormat'));
              },
            },
          ]}
        >
          <Input
            inputMode="tel"
            autoComplete="off"
            disabled={clearPhone === true}
            placeholder={
              enterprise?.contactPhoneMasked
                ? t('enterprises.form.contactPhoneKeep', { masked: enterprise.contactPhoneMasked })
                : undefined
            }
          />
        </Form.Item>
        {enterprise?.contactPhoneMasked && (
          <Form.Item name="clearContactPhone" valuePropName="checked">
            <Checkbox>{t('enterprises.form.clearContactPhone')}</Checkbox>
          </Form.Item>
        )}
        <PositionInputs testIdPrefix="enterprise" />
      </Form>
      {error && <ApiErrorAlert error={error} />}
    </Drawer>
  );
}
