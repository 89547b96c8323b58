import { Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseListItem, caseListSchema } from '../../../shared/domain/case.ts';
import { type VisitSummary, visitListSchema } from '../../../shared/domain/visit.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { casePath } from '../cases/cases-path.ts';
import { formatInstant } from '../visits/format.ts';
import { visitPath } from '../visits/visits-path.ts';

/** How many of the latest visits and cases a record's page shows. */
const SHOWN = 20;

type Target = { householdId: string } | { enterpriseId: string };

const targetQuery = (target: Target) => new URLSearchParams({ ...target, limit: String(SHOWN) }).toString();

/**
 * A household's or enterprise's visits (newest first) and cases (every state), each linking to its
 * page: read from the diary and the case list filtered to the record, within the reader's scope.
 * A part shows only to those who may read it.
 */
export function TargetHistory({ target }: { target: Target }) {
  const me = useMe();
  return (
    <>
      {me.permissions.includes('visits:read') && <TargetVisits target={target} />}
      {me.permissions.includes('cases:read') && <TargetCases target={target} />}
    </>
  );
}

function Latest({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  return total > shown ? (
    <Typography.Text type="secondary">{t('records.history.latest', { shown, total })}</Typography.Text>
  ) : null;
}

function TargetVisits({ target }: { target: Target }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const query = targetQuery(target);
  const load = useCallback(
    (signal: AbortSignal) => api.request('GET', `/api/v1/visits?${query}`, visitListSchema, { signal }),
    [api, query],
  );
  const visits = useAsync(load);
  const columns: TableColumnsType<VisitSummary> = [
    {
      key: 'when',
      title: t('records.history.when'),
      width: 170,
      render: (_v, visit) => (
        <a
          href={visitPath(visit.id)}
          onClick={(e) => followLink(e, visitPath(visit.id))}
          data-testid="history-visit-link"
        >
          {formatInstant(visit.startedAt, i18n.language)}
        </a>
      ),
    },
    {
      key: 'form',
      title: t('records.history.form'),
      width: 120,
      render: (_v, visit) => t(`visits.forms.${visit.form}`),
    },
    {
      key: 'visitors',
      title: t('records.history.visitors'),
      render: (_v, visit) => visit.visitors.map((p) => p.displayName).join('、'),
    },
  ];
  return (
    <Card
      title={t('records.history.visits')}
      extra={visits.data && <Latest shown={visits.data.items.length} total={visits.data.total} />}
      data-testid="history-visits"
    >
      {visits.status === 'error' && <ApiErrorAlert error={visits.error} onRetry={visits.reload} />}
      <Table<VisitSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={visits.data?.items ?? []}
        loading={visits.status === 'loading'}
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('records.history.noVisits') }}
      />
    </Card>
  );
}

function TargetCases({ target }: { target: Target }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const query = targetQuery(target);
  const load = useCallback(
    (signal: AbortSignal) => api.request('GET', `/api/v1/cases?${query}`, caseListSchema, { signal }),
    [api, query],
  );
  const cases = useAsync(load);
  const columns: TableColumnsType<CaseListItem> = [
    {
      key: 'number',
      title: t('records.history.number'),
      width: 190,
      render: (_v, c) => (
        <a
          style={{ whiteSpace: 'nowrap' }}
          href={casePath(c.id)}
          onClick={(e) => followLink(e, casePath(c.id))}
          data-testid="history-case-link"
        >
          {c.number}
        </a>
      ),
    },
    { key: 'title', title: t('records.history.title'), dataIndex: 'title' },
    {
      key: 'state',
      title: t('records.history.state'),
      width: 110,
      render: (_v, c) => <Tag style={{ marginInlineEnd: 0 }}>{t(`cases.states.${c.state}`)}</Tag>,
    },
    {
      key: 'created',
      title: t('records.history.createdAt'),
      width: 170,
      render: (_v, c) => formatInstant(c.createdAt, i18n.language),
    },
  ];
  return (
    <Card
      title={t('records.history.cases')}
      extra={cases.data && <Latest shown={cases.data.items.length} total={cases.data.total} />}
      data-testid="history-cases"
    >
      {cases.status === 'error' && <ApiErrorAlert error={cases.error} onRetry={cases.reload} />}
      <Table<CaseListItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={cases.data?.items ?? []}
        loading={cases.status === 'loading'}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('records.history.noCases') }}
      />
    </Card>
  );
}
