import { Button, Flex, Form, Modal, Select, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES } from '../../../shared/cases/clock-rules.ts';
import {
  type ActionBodies,
  CASE_KINDS,
  type CaseContext,
  type CaseDetail,
  LIST_TYPES,
} from '../../../shared/domain/case.ts';
import { categoryTree } from '../../../shared/domain/category.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { actionBody } from './action-form.ts';
import { CaseActionError } from './CaseActionError.tsx';
import { caseContextApi } from './case-context-api.ts';
import { casesApi } from './cases-api.ts';
import { useCaseAction } from './use-case-action.ts';

/** The `classify` action's dialog: the form, with categories of similar cases nearby to pick from. */
export function ClassifyModal({
  detail,
  onDone,
  onStale,
  onClose,
}: {
  detail: CaseDetail;
  onDone: (updated: CaseDetail) => void;
  onStale: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { id } = detail;
  const load = useCallback((signal: AbortSignal) => caseContextApi(api).get(id, signal), [api, id]);
  const context = useAsync(load);
  return (
    <Modal open title={t('cases.context.classify.title')} footer={null} destroyOnHidden onCancel={onClose}>
      <ClassifyForm
        detail={detail}
        suggested={context.data?.suggestedCategories ?? []}
        onDone={onDone}
        onStale={onStale}
      />
    </Modal>
  );
}

type Values = Required<Omit<ActionBodies['classify'], 'categoryId'>> & { categoryId?: string };

/**
 * Category, kind, urgency and list of a case, for whoever may classify it (the `classify` action),
 * with categories of similar cases nearby to pick from. Only what changed is sent.
 */
export function ClassifyForm({
  detail,
  suggested,
  onDone,
  onStale,
}: {
  detail: CaseDetail;
  suggested: CaseContext['suggestedCategories'];
  onDone: (updated: CaseDetail) => void;
  onStale: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<Values>();
  const run = useCaseAction(detail, { onDone, onStale });
  const load = useCallback((signal: AbortSignal) => casesApi(api).categories(signal), [api]);
  const categories = useAsync(load);
  const english = i18n.language === 'en';
  const active = (categories.data?.items ?? []).filter((c) => c.active);
  const toNode = (node: ReturnType<typeof categoryTree<(typeof active)[number]>>[number]): object => ({
    value: node.category.id,
    title: (english && node.category.nameEn) || node.category.name,
    children: node.children.map(toNode),
  });
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`) });

  const submit = async (values: Values) => {
    // Only what changed: the server refuses a classification that changes nothing.
    const changed = actionBody(
      'classify',
      {
        ...(values.categoryId !== (detail.categoryId ?? undefined) ? { categoryId: values.categoryId } : {}),
        ...(values.kind !== detail.kind ? { kind: values.kind } : {}),
        ...(values.urgency !== detail.urgency ? { urgency: values.urgency } : {}),
        ...(values.listType !== detail.listType ? { listType: values.listType } : {}),
      },
      null,
    );
    if (Object.keys(changed).length === 0) {
      form.setFields([{ name: 'categoryId', errors: [t('cases.context.classify.unchanged')] }]);
      return;
    }
    await run.act('classify', changed as ActionBodies['classify']);
  };

  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      data-testid="case-classify"
      initialValues={{
        categoryId: detail.categoryId ?? undefined,
        kind: detail.kind,
        urgency: detail.urgency,
        listType: detail.listType,
      }}
      onFinish={submit}
    >
      {suggested.length > 0 && (
        <Flex gap={4} wrap align="center" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('cases.context.classify.suggested')}</Typography.Text>
          {suggested.map((s) => (
            <Tooltip key={s.id} title={t('cases.context.classify.suggestedCases', { count: s.cases })}>
              <Tag.CheckableTag
                checked={false}
                onChange={() => form.setFieldValue('categoryId', s.id)}
                data-testid="case-classify-suggestion"
              >
                {s.name}
              </Tag.CheckableTag>
            </Tooltip>
          ))}
        </Flex>
      )}
      <Form.Item name="categoryId" label={t('cases.form.category')}>
        <TreeSelect
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('cases.form.categoryPlaceholder')}
          treeData={categoryTree(active).map(toNode)}
          popupMatchSelectWidth={false}
          data-testid="case-classify-category"
        />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="kind" label={t('cases.form.kind')} style={{ minWidth: 110 }}>
          <Select options={CASE_KINDS.map(option('cases.kinds'))} />
        </Form.Item>
        {/* A closed case keeps the urgency it was held to (workflow.ts `classify` guard). */}
        <Form.Item name="urgency" label={t('cases.form.urgency')} style={{ minWidth: 90 }}>
          <Select options={URGENCIES.map(option('cases.urgencies'))} disabled={detail.state === 'closed'} />
        </Form.Item>
        <Form.Item name="listType" label={t('cases.form.listType')} style={{ minWidth: 110 }}>
          <Select options={LIST_TYPES.map(option('cases.listTypes'))} />
        </Form.Item>
      </Flex>
      {detail.state === 'closed' && (
        <Typography.Paragraph type="secondary" data-testid="case-classify-urgency-settled">
          {t('cases.guards.urgency_settled')}
        </Typography.Paragraph>
      )}
      {run.error && <CaseActionError error={run.error} />}
      <Button htmlType="submit" type="primary" loading={run.busy} data-testid="case-classify-save">
        {t('cases.context.classify.save')}
      </Button>
    </Form>
  );
}
