import { Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseListItem, caseListSchema } from '../../../shared/domain/case.ts';
import { type VisitSummary, visitListSchema } from '../../../shared/domain/visit.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { caseListPath, casePath } from '../cases/cases-path.ts';
import { formatInstant } from '../visits/format.ts';
import { diaryPath, visitPath } from '../visits/visits-path.ts';

/** How many of the latest visits and cases a record's page shows. */
const SHOWN = 20;

type Target = { householdId: string } | { enterpriseId: string };

const targetQuery = (target: Target) => new URLSearchParams({ ...target, limit: String(SHOWN) }).toString();

/**
 * A household's or enterprise's visits (newest first) and cases (every state), each linking to its
 * page: read from the diary and the case list filtered to the record, within the reader's scope.
 * A part shows only to those who may read it; each links to the whole filtered list, which the
 * record's `name` labels.
 */
export function TargetHistory({ target, name }: { target: Target; name: string }) {
  const me = useMe();
  return (
    <>
      {me.permissions.includes('visits:read') && <TargetVisits target={target} name={name} />}
      {me.permissions.includes('cases:read') && <TargetCases target={target} name={name} />}
    </>
  );
}

/** "The latest 20 of 57" when the card shows fewer than there are, and the link to all of them. */
function Latest({
  shown,
  total,
  to,
  name,
  label,
  testId,
}: {
  shown: number;
  total: number;
  to: string;
  name: string;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={12} wrap align="center">
      {total > shown && (
        <Typography.Text type="secondary">{t('records.history.latest', { shown, total })}</Typography.Text>
      )}
      {total > 0 && (
        <a href={to} onClick={(e) => followLink(e, to, { targetName: name })} data-testid={testId}>
          {label}
        </a>
      )}
    </Flex>
  );
}

function TargetVisits({ target, name }: { target: Target; name: string }) {
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
      extra={
        visits.data && (
          <Latest
            shown={visits.data.items.length}
            total={visits.data.total}
            to={diaryPath(target)}
            name={name}
            label={t('records.history.seeAllVisits')}
            testId="history-all-visits"
          />
        )
      }
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

function TargetCases({ target, name }: { target: Target; name: string }) {
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
      extra={
        cases.data && (
          <Latest
            shown={cases.data.items.length}
            total={cases.data.total}
            to={caseListPath('queue', target)}
            name={name}
            label={t('records.history.seeAllCases')}
            testId="history-all-cases"
          />
        )
      }
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
