import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Modal, Radio, Select } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KeyInfo, PLAN_STATUSES, type Plan } from '../../../shared/domain/key-household.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { keyHouseholdApi } from './key-household-api.ts';
import { checkFollowUpDates } from './plan-dates.ts';
import { SaveCancelButtons } from './SaveCancelButtons.tsx';
import { fieldIssues } from './server-issues.ts';

interface FormValues {
  measures: string;
  ownerUserId?: string;
  status?: Plan['status'];
  dates: (string | undefined)[];
}

/**
 * Draws up a 一户一策 plan (when `plan` is null) or changes one: measures, an owner among the users
 * whose scope reaches the household, the status, and follow-up dates (more can be added later).
 */
export function PlanModal({
  open,
  householdId,
  plan,
  onClose,
  onSaved,
}: {
  open: boolean;
  householdId: string;
  plan: Plan | null;
  onClose: () => void;
  onSaved: (info: KeyInfo) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [dateIssue, setDateIssue] = useState<string | null>(null);
  const loadOwners = useCallback(
    (signal: AbortSignal) => keyHouseholdApi(api).planOwners(householdId, signal),
    [api, householdId],
  );
  const owners = useAsync(loadOwners);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setDateIssue(null);
    form.resetFields();
    form.setFieldsValue(
      plan
        ? { measures: plan.measures, ownerUserId: plan.owner.id, status: plan.status, dates: [] }
        : { measures: '', dates: [''] },
    );
  }, [open, plan, form]);

  const ownerOptions = (owners.data ?? []).map((o) => ({ value: o.id, label: o.displayName }));
  if (plan && !ownerOptions.some((o) => o.value === plan.owner.id))
    ownerOptions.push({ value: plan.owner.id, label: plan.owner.displayName });

  const submit = async (values: FormValues) => {
    const checked = checkFollowUpDates(values.dates ?? [], { required: plan === null });
    setBusy(true);
    setError(null);
    try {
      const keys = keyHouseholdApi(api);
      const saved = plan
        ? await keys.updatePlan(householdId, plan.id, {
            ...(values.measures.trim() !== plan.measures ? { measures: values.measures.trim() } : {}),
            ...(values.ownerUserId && values.ownerUserId !== plan.owner.id
              ? { ownerUserId: values.ownerUserId }
              : {}),
            ...(values.status && values.status !== plan.status ? { status: values.status } : {}),
            ...(checked.dates.length > 0 ? { addFollowUpDates: checked.dates } : {}),
          })
        : await keys.createPlan(householdId, {
            measures: values.measures.trim(),
            ownerUserId: values.ownerUserId as string,
            followUpDates: checked.dates,
          });
      onSaved(saved);
    } catch (caught) {
      const apiError = toApiError(caught);
      form.setFields(
        fieldIssues(apiError)
          .filter((i) => i.field === 'ownerUserId' || i.field === 'measures')
          .map((i) => ({ name: i.field as keyof FormValues, errors: [t(i.key)] })),
      );
      setDateIssue(fieldIssues(apiError).find((i) => i.field.endsWith('ollowUpDates'))?.key ?? null);
      setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(plan ? 'records.plan.editTitle' : 'records.plan.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={<SaveCancelButtons form={form} busy={busy} onCancel={onClose} saveTestId="plan-save" />}
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="plan-form">
        <Form.Item
          name="measures"
          label={t('records.plan.measures')}
          rules={[{ required: true, whitespace: true, message: t('records.required') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={4000}
            data-testid="plan-measures"
          />
        </Form.Item>
        <Form.Item
          name="ownerUserId"
          label={t('records.plan.owner')}
          rules={[{ required: true, message: t('records.required') }]}
        >
          <Select
            options={ownerOptions}
            loading={owners.status === 'loading'}
            placeholder={t('records.plan.ownerPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="plan-owner"
          />
        </Form.Item>
        {plan && (
          <Form.Item name="status" label={t('records.plan.status')}>
            <Radio.Group
              options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`records.plan.statuses.${s}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          label={t(plan ? 'records.plan.addFollowUpDates' : 'records.plan.followUpDates')}
          required={!plan}
        >
          <Form.List
            name="dates"
            rules={[
              {
                validator: async (_rule, dates: (string | undefined)[] | undefined) => {
                  const { problem } = checkFollowUpDates(dates ?? [], { required: plan === null });
                  if (problem) throw new Error(t(problem));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="center">
                    <Form.Item name={field.name} noStyle>
                      <DateField style={{ maxWidth: 220 }} data-testid="plan-date" />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('records.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add('')} style={{ alignSelf: 'flex-start' }}>
                  {t('records.plan.addDate')}
                </Button>
                <Form.ErrorList errors={[...errors, ...(dateIssue ? [t(dateIssue)] : [])]} />
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        {owners.status === 'error' && <ApiErrorAlert error={owners.error} onRetry={owners.reload} />}
        {error && <ApiErrorAlert error={error} />}
      </Form>
    </Modal>
  );
}
