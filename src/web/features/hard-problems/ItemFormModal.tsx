import { App, Button, Flex, Form, Input, Modal, Radio, Select } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardProblem } from '../../../shared/domain/hard-problem.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { DateField } from '../../components/DateField.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { hardProblemsApi } from './hard-problems-api.ts';

/** What the form starts from: a proposal's title and cases, or a topic's month and category. */
export interface ItemDraft {
  regionId: string;
  title: string;
  categoryId?: string | null;
  caseIds?: string[];
  proposalKey?: string;
  topic?: { month: string; categoryId: string };
}

interface Values {
  title: string;
  ownerKind: 'region' | 'department';
  departmentId?: string;
  person: string;
  plan: string;
  targetDate: string;
  milestones?: { name: string; targetDate: string }[];
}

/**
 * Puts an item on the list (by hand, from a proposal, or as the month's topic): title, owning
 * unit (a community or street, or a department) and its responsible person, plan, target date
 * and milestones. The server checks the owner belongs to the place.
 */
export function ItemFormModal({
  draft,
  onClose,
  onSaved,
}: {
  draft: ItemDraft;
  onClose: () => void;
  onSaved: (item: HardProblem) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useApi();
  const api = useMemo(() => hardProblemsApi(client), [client]);
  const [form] = Form.useForm<Values>();
  const [ownerRegion, setOwnerRegion] = useState<PickedRegion | null>(null);
  const [saving, setSaving] = useState(false);
  const ownerKind = Form.useWatch('ownerKind', form) ?? 'region';
  const departments = useAsync(useCallback((signal: AbortSignal) => api.departments(signal), [api]));

  const submit = async (values: Values) => {
    const ownerId = values.ownerKind === 'region' ? ownerRegion?.id : values.departmentId;
    if (!ownerId) {
      form.setFields([{ name: 'ownerKind', errors: [t('hardProblems.form.owner')] }]);
      return;
    }
    const common = {
      regionId: draft.regionId,
      title: values.title,
      owner: { kind: values.ownerKind, id: ownerId, person: values.person },
      plan: values.plan,
      targetDate: values.targetDate,
      milestones: (values.milestones ?? []).filter((m) => m?.name && m.targetDate),
    };
    setSaving(true);
    try {
      const item = draft.topic
        ? await api.pickTopic({ ...common, month: draft.topic.month, categoryId: draft.topic.categoryId })
        : await api.create({
            ...common,
            ...(draft.categoryId ? { categoryId: draft.categoryId } : {}),
            ...(draft.caseIds?.length ? { caseIds: draft.caseIds } : {}),
            ...(draft.proposalKey ? { proposalKey: draft.proposalKey } : {}),
          });
      message.success(t('hardProblems.form.saved'));
      onSaved(item);
    } catch (error) {
      message.error(toApiError(error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('hardProblems.form.title')}
      onCancel={onClose}
      okText={t('hardProblems.form.save')}
      cancelText={t('hardProblems.form.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ title: draft.title, ownerKind: 'region' }}
        onFinish={submit}
        data-testid="hard-problem-form"
      >
        <Form.Item
          name="title"
          label={t('hardProblems.form.itemTitle')}
          rules={[{ required: true, max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="ownerKind" label={t('hardProblems.form.ownerKind')}>
          <Radio.Group
            options={(['region', 'department'] as const).map((k) => ({
              value: k,
              label: t(`hardProblems.form.ownerKinds.${k}`),
            }))}
          />
        </Form.Item>
        {ownerKind === 'region' ? (
          <Form.Item label={t('hardProblems.form.owner')} required>
            <RegionTreeSelect
              value={ownerRegion}
              onChange={setOwnerRegion}
              placeholder={t('hardProblems.form.owner')}
            />
          </Form.Item>
        ) : (
          <Form.Item name="departmentId" label={t('hardProblems.form.owner')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="person" label={t('hardProblems.form.person')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="plan" label={t('hardProblems.form.plan')} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="targetDate" label={t('hardProblems.form.target')} rules={[{ required: true }]}>
          <DateField />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, max: 200 }]}
                    style={{ flex: 1 }}
                  >
                    <Input placeholder={t('hardProblems.form.milestoneName')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'targetDate']} rules={[{ required: true }]}>
                    <DateField placeholder={t('hardProblems.form.milestoneTarget')} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>−</Button>
                </Flex>
              ))}
              <Button onClick={() => add()}>{t('hardProblems.form.addMilestone')}</Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
