import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_RESULTS, type AuditRow, type AuditVerification } from '../../../shared/domain/audit.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate, useSearch } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useAuditApi } from './audit-api.ts';
import { type AuditFilters, type AuditResult, actionChoices, auditFiltersFrom } from './audit-filters.ts';
import {
  AUDITED_OBJECT_TYPES,
  actionText,
  auditLogPath,
  machineActorText,
  objectLink,
} from './audit-words.ts';

interface FilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: AuditResult;
}

const RESULT_COLORS: Record<string, string> = { success: 'green', failure: 'orange', denied: 'red' };
const TIME = 'YYYY-MM-DD HH:mm:ss';

function formFrom(filters: AuditFilters): FilterForm {
  return {
    range:
      filters.from || filters.to
        ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
        : null,
    actor: filters.actor,
    action: filters.action,
    objectType: filters.objectType,
    objectId: filters.objectId,
    result: filters.result,
  };
}

/** A link inside the app that moves without reloading it. */
function InAppLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  return (
    <a href={href} onClick={(event) => followLink(event, href)} data-testid={testId}>
      {children}
    </a>
  );
}

function filtersFrom(values: FilterForm): AuditFilters {
  const [from, to] = values.range ?? [];
  return {
    from: from?.toISOString(),
    to: to?.toISOString(),
    actor: values.actor,
    action: values.action,
    objectType: values.objectType,
    objectId: values.objectId,
    result: values.result,
  };
}

/**
 * /admin/audit: the auditor's view of the district's log, newest first — filters (kept in the
 * address, so a person's or an object's rows are a link), "load more" by the server's keyset,
 * each row in words with its detail, and a check of the hash chain.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const api = useAuditApi();
  const me = useMe();
  const [form] = Form.useForm<FilterForm>();
  const search = useSearch();
  const filters = useMemo(() => auditFiltersFrom(search), [search]);
  const [more, setMore] = useState<{ items: AuditRow[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<ApiError | null>(null);

  const loadFirst = useCallback(
    (signal: AbortSignal) => api.list(filters, undefined, signal),
    [api, filters],
  );
  const first = useAsync(loadFirst);
  const loadActions = useCallback((signal: AbortSignal) => api.actions(signal), [api]);
  const actions = useAsync(loadActions);

  const rows = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : (first.data?.next ?? null);

  // A new address (a search, a person's or an object's link, back) starts the list again.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(formFrom(filters));
    setMore(null);
    setMoreError(null);
  }, [form, filters]);

  const searchWith = (values: FilterForm) => navigate(auditLogPath(filtersFrom(values)));

  const loadMore = async () => {
    if (next === null) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.list(filters, next);
      setMore((current) => ({ items: [...(current?.items ?? []), ...page.items], next: page.next }));
    } catch (caught) {
      setMoreError(toApiError(caught));
    } finally {
      setLoadingMore(false);
    }
  };

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await api.verify());
    } catch (caught) {
      setVerifyError(toApiError(caught));
    } finally {
      setVerifying(false);
    }
  };

  const choices = actionChoices(actions.data ?? []);
  const actionOptions = [
    ...choices.groups.map((prefix) => ({ value: prefix, label: t('audit.actionGroup', { prefix }) })),
    ...choices.actions.map((action) => ({ value: action, label: `${actionText(action, t)} (${action})` })),
  ];

  const columns: TableColumnsType<AuditRow> = [
    {
      key: 'at',
      title: t('audit.at'),
      width: 160,
      render: (_v, row) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(row.at).format(TIME)}</span>,
    },
    {
      key: 'actor',
      title: t('auditWords.actor'),
      width: 130,
      render: (_v, row) =>
        row.actorName ? (
          <Flex vertical>
            <InAppLink href={auditLogPath({ actor: row.actorName })} testId="audit-actor">
              {row.actorDisplayName ?? machineActorText(row.actorName, t) ?? row.actorName}
            </InAppLink>
            {row.actorDisplayName && <Typography.Text type="secondary">{row.actorName}</Typography.Text>}
          </Flex>
        ) : (
          t('audit.system')
        ),
    },
    {
      key: 'roles',
      title: t('audit.roles'),
      width: 120,
      render: (_v, row) =>
        (row.actorRoles ?? '')
          .split(',')
          .filter(Boolean)
          .map((role) => t(`roles.${role}`, { defaultValue: role }))
          .join('、'),
    },
    {
      key: 'action',
      title: t('audit.action'),
      width: 180,
      render: (_v, row) => (
        <span
          title={t('auditWords.actionCode', { code: row.action })}
          data-testid="audit-action"
          data-action={row.action}
        >
          {actionText(row.action, t)}
        </span>
      ),
    },
    {
      key: 'object',
      title: t('audit.object'),
      render: (_v, row) => {
        if (!row.objectType) return null;
        const type = t(`auditWords.objects.${row.objectType}`, { defaultValue: row.objectType });
        if (!row.objectId) return type;
        const link = objectLink(row.objectType, row.objectId, me.permissions);
        // A nameless object shows the start of its id: enough to tell rows apart, the rest is in the detail.
        const name = row.objectName ?? row.objectId.slice(0, 8);
        return (
          <Flex vertical data-testid="audit-object">
            <Typography.Text type="secondary">{type}</Typography.Text>
            <a
              href={link.href}
              onClick={(event) => followLink(event, link.href)}
              title={link.own ? row.objectId : t('auditWords.objectHistory')}
              data-testid="audit-object-link"
            >
              {name}
            </a>
          </Flex>
        );
      },
    },
    {
      key: 'result',
      title: t('audit.result'),
      width: 80,
      render: (_v, row) => (
        <Tag color={RESULT_COLORS[row.result]}>
          {t(`audit.results.${row.result}`, { defaultValue: row.result })}
        </Tag>
      ),
    },
    { key: 'ip', title: t('audit.sourceIp'), dataIndex: 'sourceIp', width: 120 },
  ];

  const verificationAlert = verification && (
    <Alert
      showIcon
      type={verification.ok ? 'success' : 'error'}
      data-testid="audit-verification"
      title={
        verification.ok || !verification.firstBreak
          ? t('audit.verifyOk', {
              count: verification.rowsChecked,
              time: dayjs(verification.checkedAt).format(TIME),
            })
          : t('audit.verifyBroken', {
              count: verification.breakCount,
              seq: verification.firstBreak.seq,
              problem: t(`audit.breaks.${verification.firstBreak.kind}`),
            })
      }
    />
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <div style={{ flex: '1 1 320px' }}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="audit-title">
            {t('audit.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('audit.subtitle')}</Typography.Text>
        </div>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          onClick={verify}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </Flex>
      {verificationAlert}
      {verifyError && <ApiErrorAlert error={verifyError} onRetry={verify} />}
      <Card>
        <Form<FilterForm> form={form} layout="vertical" onFinish={searchWith} data-testid="audit-filters">
          <Row gutter={[12, 0]}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="range" label={t('audit.timeRange')}>
                <DatePicker.RangePicker
                  showTime
                  allowEmpty={[true, true]}
                  style={{ width: '100%' }}
                  placeholder={[t('audit.from'), t('audit.to')]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={4}>
              <Form.Item name="actor" label={t('audit.actor')}>
                <Input allowClear maxLength={64} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Form.Item name="action" label={t('audit.action')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('audit.anyAction')}
                  options={actionOptions}
                  loading={actions.status === 'loading'}
                  data-testid="audit-action-filter"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Form.Item name="result" label={t('audit.result')}>
                <Select
                  allowClear
                  placeholder={t('audit.anyResult')}
                  options={AUDIT_RESULTS.map((r) => ({ value: r, label: t(`audit.results.${r}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={4}>
              <Form.Item name="objectType" label={t('audit.objectType')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('auditWords.anyObjectType')}
                  options={AUDITED_OBJECT_TYPES.map((type) => ({
                    value: type,
                    label: t(`auditWords.objects.${type}`),
                  }))}
                  data-testid="audit-object-type-filter"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item name="objectId" label={t('audit.objectId')}>
                <Input allowClear maxLength={64} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} xl={12}>
              <Form.Item label=" " colon={false}>
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit" data-testid="audit-search">
                    {t('audit.search')}
                  </Button>
                  <Button
                    onClick={() => {
                      searchWith({});
                    }}
                  >
                    {t('audit.clear')}
                  </Button>
                </Flex>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        {first.status === 'error' && <ApiErrorAlert error={first.error} onRetry={first.reload} />}
        <Table<AuditRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={first.status === 'loading'}
          pagination={false}
          scroll={{ x: 980 }}
          locale={{ emptyText: first.status === 'loading' ? ' ' : t('audit.empty') }}
          expandable={{
            expandedRowRender: (row) => (
              <Flex vertical gap={8}>
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'seq', label: t('audit.seq'), children: row.seq },
                    { key: 'scope', label: t('audit.scope'), children: row.scope ?? '—' },
                  ]}
                />
                <Typography.Text type="secondary">{t('audit.detail')}</Typography.Text>
                <pre
                  style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                  data-testid="audit-detail"
                >
                  {JSON.stringify(row.detail, null, 2)}
                </pre>
              </Flex>
            ),
          }}
          data-testid="audit-table"
        />
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('audit.shown', { count: rows.length })}</Typography.Text>
          {next !== null && (
            <Button loading={loadingMore} onClick={loadMore} data-testid="audit-load-more">
              {t('audit.loadMore')}
            </Button>
          )}
        </Flex>
        {moreError && <ApiErrorAlert error={moreError} onRetry={loadMore} />}
      </Card>
    </Flex>
  );
}
