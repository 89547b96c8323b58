import { Form, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS } from '../../../shared/visits/periods.ts';
import { QUOTA_ROLES, VISIT_RULE_KINDS, type VisitRuleKind } from '../../../shared/visits/rules.ts';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { RULE_FIELDS, type RuleFormValues, ruleBody } from './rule-form.ts';
import { useVisitsApi } from './visits-api.ts';

const days = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** A new visit rule for the district or a street: its kind, then only that kind's fields. */
export function NewRuleModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [values, setValues] = useState<Omit<RuleFormValues, 'regionId'>>({ kind: 'quota', period: 'month' });
  const { busy, save: saveWith } = useToastSave();
  const body = ruleBody({ ...values, regionId: region?.id ?? null });
  const set = (patch: Partial<RuleFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const shows = (field: keyof RuleFormValues) => RULE_FIELDS[values.kind].includes(field);
  const save = async () => {
    if (!body) return;
    await saveWith(() => visits.createRule(body), t('visits.plans.ruleSaved'), onSaved);
  };
  return (
    <Modal
      open
      title={t('visits.plans.newRule')}
      okText={t('visits.plans.save')}
      cancelText={t('visits.plans.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !body, id: 'rule-save' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('visits.region')} required extra={t('visits.plans.ruleRegionHint')}>
          <RegionTreeSelect
            value={region}
            onChange={setRegion}
            placeholder={t('visits.region')}
            testId="rule-region"
            pickFirst
          />
        </Form.Item>
        <Form.Item label={t('visits.plans.kind')} required>
          <Select<VisitRuleKind>
            value={values.kind}
            onChange={(kind) => set({ kind })}
            options={VISIT_RULE_KINDS.map((k) => ({ value: k, label: t(`visits.plans.kinds.${k}`) }))}
            data-testid="rule-kind"
          />
        </Form.Item>
        {shows('role') && (
          <Form.Item label={t('visits.plans.role')} required={values.kind === 'quota'}>
            <Select
              allowClear={values.kind !== 'quota'}
              value={values.role}
              onChange={(role) => set({ role })}
              options={QUOTA_ROLES.map((r) => ({ value: r, label: t(`visits.plans.roles.${r}`) }))}
            />
          </Form.Item>
        )}
        {shows('target') && (
          <Form.Item label={t('visits.plans.subject')} required>
            <Select
              value={values.target}
              onChange={(target) => set({ target })}
              options={(['household', 'enterprise'] as const).map((s) => ({
                value: s,
                label: t(`visits.plans.subjects.${s}`),
              }))}
            />
          </Form.Item>
        )}
        {shows('count') && (
          <Form.Item label={t('visits.plans.count')} required>
            <InputNumber
              min={1}
              max={10_000}
              value={values.count}
              onChange={(count) => set({ count: count ?? undefined })}
            />
          </Form.Item>
        )}
        {shows('period') && (
          <Form.Item label={t('visits.plans.period')} required>
            <Select
              value={values.period}
              onChange={(period) => set({ period })}
              options={PERIOD_KINDS.map((p) => ({ value: p, label: t(`visits.plans.periodKinds.${p}`) }))}
            />
          </Form.Item>
        )}
        {shows('percent') && (
          <Form.Item label={t('visits.plans.percent')}>
            <InputNumber
              min={1}
              max={100}
              value={values.percent ?? 100}
              onChange={(percent) => set({ percent: percent ?? undefined })}
            />
          </Form.Item>
        )}
        {shows('weekdays') && (
          <Form.Item label={t('visits.plans.weekdays')}>
            <Select
              mode="multiple"
              value={values.weekdays ?? []}
              onChange={(weekdays) => set({ weekdays })}
              options={days(7).map((day) => ({ value: day, label: t(`visits.plans.weekdayNames.${day}`) }))}
            />
          </Form.Item>
        )}
        {shows('monthDays') && (
          <Form.Item label={t('visits.plans.monthDays')}>
            <Select
              mode="multiple"
              value={values.monthDays ?? []}
              onChange={(monthDays) => set({ monthDays })}
              options={days(31).map((day) => ({ value: day, label: t('visits.plans.monthDay', { day }) }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
