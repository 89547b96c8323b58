import { App, Button, Card, Col, Flex, Form, Input, Row, Select, TreeSelect } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v4 as uuidv4 } from 'uuid';
import { URGENCIES } from '../../../shared/cases/clock-rules.ts';
import {
  CASE_KINDS,
  CHANNELS,
  type CreateCase,
  createCaseSchema,
  LIST_TYPES,
  REPORTER_TYPES,
} from '../../../shared/domain/case.ts';
import { categoryTree } from '../../../shared/domain/category.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordSearchSelect } from '../../components/RecordSearchSelect.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { casesApi } from './cases-api.ts';
import { casePath } from './cases-path.ts';

interface FormValues {
  channel: CreateCase['channel'];
  categoryId?: string;
  kind: CreateCase['kind'];
  urgency: CreateCase['urgency'];
  listType: CreateCase['listType'];
  title: string;
  description: string;
  address?: string;
  reporterType: CreateCase['reporter']['type'];
  reporterName?: string;
  reporterPhone?: string;
  householdId?: string;
  enterpriseId?: string;
}

const blankless = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The body to send, from the form: blanks left out, the reporter's record only for its type. */
export function createBody(values: FormValues, regionId: string): CreateCase {
  const reporter: Record<string, unknown> = { type: values.reporterType };
  if (values.reporterType !== 'anonymous') {
    const name = blankless(values.reporterName);
    const phone = blankless(values.reporterPhone);
    if (name) reporter.name = name;
    if (phone) reporter.phone = phone;
  }
  if (values.reporterType === 'household' && values.householdId) reporter.householdId = values.householdId;
  if (values.reporterType === 'enterprise' && values.enterpriseId)
    reporter.enterpriseId = values.enterpriseId;
  const body: Record<string, unknown> = {
    channel: values.channel,
    kind: values.kind,
    urgency: values.urgency,
    listType: values.listType,
    title: values.title.trim(),
    description: values.description.trim(),
    regionId,
    reporter,
  };
  if (values.categoryId) body.categoryId = values.categoryId;
  const address = blankless(values.address);
  if (address) body.address = address;
  return body as CreateCase;
}

/**
 * Where a new case most likely came in, by who records it: a dispatcher takes calls at the desk
 * (12345 hotline), everyone else who records cases does so on their visits.
 */
export function defaultChannel(permissions: readonly string[]): CreateCase['channel'] {
  return permissions.includes('cases:dispatch') ? 'hotline_12345' : 'visit';
}

/**
 * /cases/new: records a resident's request. One Idempotency-Key per submission: a retry of the
 * same content (after a timeout) reuses it, so the case is never recorded twice; changed content
 * is a new submission with a new key.
 */
export function NewCasePage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [regionMissing, setRegionMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submission = useRef<{ key: string; body: string } | null>(null);
  const reporterType = Form.useWatch('reporterType', form);
  const loadCategories = useCallback((signal: AbortSignal) => casesApi(api).categories(signal), [api]);
  const categories = useAsync(loadCategories);
  const english = i18n.language === 'en';

  const categoryData = (() => {
    const active = (categories.data?.items ?? []).filter((c) => c.active);
    const toNode = (node: ReturnType<typeof categoryTree<(typeof active)[number]>>[number]): object => ({
      value: node.category.id,
      title: (english && node.category.nameEn) || node.category.name,
      children: node.children.map(toNode),
    });
    return categoryTree(active).map(toNode);
  })();

  const submit = async (values: FormValues) => {
    if (!region) {
      setRegionMissing(true);
      return;
    }
    const parsed = createCaseSchema.safeParse(createBody(values, region.id));
    if (!parsed.success) {
      setError(toApiError(new Error(parsed.error.message)));
      return;
    }
    const body = JSON.stringify(parsed.data);
    if (submission.current?.body !== body) submission.current = { key: uuidv4(), body };
    setBusy(true);
    setError(null);
    try {
      const created = await casesApi(api).create(parsed.data, submission.current.key);
      message.success(t('cases.form.created', { number: created.number }));
      navigate(casePath(created.id), { replace: true });
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`) });
  const required = [{ required: true, message: t('cases.form.required') }];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('cases.form.title')}
        subtitle={t('cases.form.subtitle')}
        titleTestId="case-new-title"
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="case-form"
        initialValues={{
          channel: defaultChannel(me.permissions),
          kind: 'help',
          urgency: 'ordinary',
          listType: 'problem',
          reporterType: 'resident',
        }}
        onFinish={submit}
      >
        <Flex vertical gap={16}>
          <Card size="small" title={t('cases.form.intake')}>
            <Row gutter={16}>
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="channel" label={t('cases.form.channel')} rules={required}>
                  <Select
                    options={CHANNELS.filter((c) => c !== 'api').map(option('cases.channels'))}
                    data-testid="case-form-channel"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="kind" label={t('cases.form.kind')} rules={required}>
                  <Select options={CASE_KINDS.map(option('cases.kinds'))} data-testid="case-form-kind" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="urgency" label={t('cases.form.urgency')} rules={required}>
                  <Select
                    options={URGENCIES.map(option('cases.urgencies'))}
                    data-testid="case-form-urgency"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="listType" label={t('cases.form.listType')} rules={required}>
                  <Select options={LIST_TYPES.map(option('cases.listTypes'))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name="categoryId" label={t('cases.form.category')}>
                  <TreeSelect
                    allowClear
                    treeDefaultExpandAll
                    placeholder={t('cases.form.categoryPlaceholder')}
                    treeData={categoryData}
                    popupMatchSelectWidth={false}
                    data-testid="case-form-category"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="title" label={t('cases.form.caseTitle')} rules={[...required, { max: 100 }]}>
              <Input
                maxLength={100}
                placeholder={t('cases.form.titlePlaceholder')}
                data-testid="case-form-title"
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('cases.form.description')}
              rules={[...required, { max: 4000 }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 10 }}
                maxLength={4000}
                showCount
                placeholder={t('cases.form.descriptionPlaceholder')}
                data-testid="case-form-description"
              />
            </Form.Item>
          </Card>
          <Card size="small" title={t('cases.form.place')}>
            <Form.Item
              label={t('cases.form.region')}
              required
              validateStatus={regionMissing ? 'error' : undefined}
              help={regionMissing ? t('cases.form.required') : undefined}
            >
              <RegionTreeSelect
                value={region}
                onChange={(picked) => {
                  setRegion(picked);
                  setRegionMissing(false);
                }}
                placeholder={t('cases.form.regionPlaceholder')}
                testId="case-form-region"
              />
            </Form.Item>
            <Form.Item name="address" label={t('cases.form.address')} rules={[{ max: 200 }]}>
              <Input maxLength={200} data-testid="case-form-address" />
            </Form.Item>
          </Card>
          <Card size="small" title={t('cases.form.reporter')}>
            <Row gutter={16}>
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="reporterType" label={t('cases.form.reporterType')} rules={required}>
                  <Select
                    options={REPORTER_TYPES.map(option('cases.reporterTypes'))}
                    data-testid="case-form-reporter-type"
                  />
                </Form.Item>
              </Col>
              {reporterType !== 'anonymous' && (
                <>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item name="reporterName" label={t('cases.form.reporterName')} rules={[{ max: 50 }]}>
                      <Input maxLength={50} data-testid="case-form-reporter-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item
                      name="reporterPhone"
                      label={t('cases.form.reporterPhone')}
                      rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('cases.form.reporterPhone') }]}
                    >
                      <Input inputMode="tel" maxLength={11} data-testid="case-form-reporter-phone" />
                    </Form.Item>
                  </Col>
                </>
              )}
              {reporterType === 'household' && (
                <Col xs={24} md={16}>
                  <Form.Item name="householdId" label={t('cases.form.householdId')} rules={required}>
                    <RecordSearchSelect kind="household" regionId={region?.id} />
                  </Form.Item>
                </Col>
              )}
              {reporterType === 'enterprise' && (
                <Col xs={24} md={16}>
                  <Form.Item name="enterpriseId" label={t('cases.form.enterpriseId')} rules={required}>
                    <RecordSearchSelect kind="enterprise" regionId={region?.id} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          </Card>
          {error && <ApiErrorAlert error={error} testId="case-form-error" />}
          <Flex gap={8} justify="flex-end" wrap>
            <Button onClick={() => navigate('/cases')}>{t('cases.form.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="case-form-submit">
              {t('cases.form.submit')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}
