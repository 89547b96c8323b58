import { SettingOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, InputNumber, Modal, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSESSMENT_RATINGS,
  assessmentRulesViewSchema,
  type AssessmentRules as Rules,
} from '../../../shared/domain/assessment-rules.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';

/** The rules in force as one line: 考核月：每月19日至次月18日；基本满意按0.9计；计入全部评价. */
export function rulesLine(rules: Rules, t: TFunction): string {
  const s = rules.monthStartDay;
  return t('figures.rules.line', {
    month:
      s === 1 ? t('figures.rules.calendarMonth') : t('figures.rules.shiftedMonth', { start: s, end: s - 1 }),
    weight: rules.basicallySatisfiedWeight,
    ratings: t(`figures.rules.ratings.${rules.ratings}`),
  });
}

/**
 * The district's assessment rules (评估口径) under the headline cards: read-only for most; a
 * leader publishing figures for the whole district may change them. `onChanged` reloads the
 * figures, which are counted by the new rules at once.
 */
export function AssessmentRules({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Rules>();
  const load = useCallback(
    (signal: AbortSignal) =>
      api.request('GET', '/api/v1/figures/rules', assessmentRulesViewSchema, { signal }),
    [api],
  );
  const rules = useAsync(load);
  if (!rules.data) return null;
  const view = rules.data;

  const save = async (values: Rules) => {
    setSaving(true);
    try {
      await api.request('PUT', '/api/v1/figures/rules', assessmentRulesViewSchema, { body: values });
      message.success(t('figures.rules.saved'));
      setEditing(false);
      rules.reload();
      onChanged();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex gap={8} align="center" wrap data-testid="assessment-rules">
      <Typography.Text type="secondary" data-testid="assessment-rules-line">
        {t('figures.rules.title')}：{rulesLine(view, t)}
      </Typography.Text>
      {view.editable && (
        <Button
          size="small"
          icon={<SettingOutlined />}
          className="no-print"
          onClick={() => {
            form.setFieldsValue({
              monthStartDay: view.monthStartDay,
              basicallySatisfiedWeight: view.basicallySatisfiedWeight,
              ratings: view.ratings,
            });
            setEditing(true);
          }}
          data-testid="assessment-rules-edit"
        >
          {t('figures.rules.edit')}
        </Button>
      )}
      <Modal
        open={editing}
        title={t('figures.rules.title')}
        okText={t('figures.rules.save')}
        cancelText={t('figures.rules.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} data-testid="assessment-rules-form">
          <Form.Item
            name="monthStartDay"
            label={t('figures.rules.monthStartDay')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={28} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="basicallySatisfiedWeight"
            label={t('figures.rules.weight')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={1} step={0.05} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ratings" label={t('figures.rules.ratingsLabel')} rules={[{ required: true }]}>
            <Select
              options={ASSESSMENT_RATINGS.map((r) => ({ value: r, label: t(`figures.rules.ratings.${r}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
