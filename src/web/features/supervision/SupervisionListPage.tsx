import { App, Button, Card, Flex, Segmented, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPERVISION_PERIOD_KINDS, type SupervisionSummary } from '../../../shared/domain/supervision.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { searchOf } from '../scores/score-format.ts';
import { supervisionApi } from './supervision-api.ts';

type Kind = (typeof SUPERVISION_PERIOD_KINDS)[number];
const kindOf = (value: string | null): Kind => SUPERVISION_PERIOD_KINDS.find((k) => k === value) ?? 'month';

/**
 * /supervision: 督查. The reports the caller writes (drafts included) or is named in, of a place and
 * the places above and below it; a supervisor or leader drafts the report of a street or the
 * district for a month or quarter from its points. Place, period kind and day live in the address.
 */
export function SupervisionListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const api = useApi();
  const reports = useMemo(() => supervisionApi(api), [api]);
  const params = new URLSearchParams(useSearch());
  const regionId = params.get('regionId') ?? '';
  const period = kindOf(params.get('period'));
  const at = params.get('at') ?? '';
  const region: PickedRegion | null = regionId
    ? { id: regionId, name: historyState('regionName') ?? '' }
    : null;
  const setFilters = (next: { region?: PickedRegion | null; period?: Kind; at?: string }) => {
    const place = next.region === undefined ? region : next.region;
    const query = searchOf({ regionId: place?.id, period, at, ...next, region: undefined });
    navigate(`/supervision?${query}`, { replace: true, state: { regionName: place?.name ?? '' } });
  };
  const mayWrite = me.permissions.includes('supervision:write');
  const [drafting, setDrafting] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) => reports.list(regionId || undefined, signal),
    [reports, regionId],
  );
  const list = useAsync(load);

  const draft = async () => {
    if (!region) return;
    setDrafting(true);
    try {
      const created = await reports.draft({ regionId: region.id, period, ...(at ? { at } : {}) });
      message.success(t('supervision.created'));
      navigate(`/supervision/${created.id}`);
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
      setDrafting(false);
    }
  };

  const columns: TableColumnsType<SupervisionSummary> = [
    {
      key: 'title',
      title: t('supervision.reportTitle'),
      render: (_v, r) => (
        <a
          href={`/supervision/${r.id}`}
          onClick={(e) => followLink(e, `/supervision/${r.id}`)}
          data-testid="supervision-open"
        >
          {r.title}
        </a>
      ),
    },
    { key: 'place', title: t('supervision.region'), width: 140, render: (_v, r) => r.region.name },
    {
      key: 'period',
      title: t('supervision.period'),
      width: 200,
      render: (_v, r) => `${r.period.from} – ${r.period.to}`,
    },
    {
      key: 'state',
      title: t('supervision.state'),
      width: 90,
      render: (_v, r) => (
        <Tag color={r.state === 'published' ? 'green' : 'default'}>{t(`supervision.states.${r.state}`)}</Tag>
      ),
    },
    { key: 'findings', title: t('supervision.findingCount'), dataIndex: 'findings', width: 100 },
    { key: 'by', title: t('supervision.createdBy'), dataIndex: 'createdBy', width: 140 },
    {
      key: 'published',
      title: t('supervision.publishedAt'),
      width: 170,
      render: (_v, r) => (r.publishedAt ? new Date(r.publishedAt).toLocaleString() : ''),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('supervision.title')}
        subtitle={t('supervision.subtitle')}
        titleTestId="supervision-title"
      />
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={12} wrap align="center">
            <RegionTreeSelect
              value={region}
              onChange={(picked) => setFilters({ region: picked })}
              placeholder={t('supervision.region')}
              maxWidth={300}
              testId="supervision-region"
            />
            {mayWrite && (
              <>
                <Segmented<Kind>
                  value={period}
                  onChange={(p) => setFilters({ period: p, at: '' })}
                  options={SUPERVISION_PERIOD_KINDS.map((p) => ({
                    value: p,
                    label: t(`supervision.periods.${p}`),
                  }))}
                  data-testid="supervision-period"
                />
                <DateField
                  value={at}
                  onChange={(day) => setFilters({ at: day })}
                  placeholder={t('supervision.day')}
                  allowClear
                  data-testid="supervision-day"
                />
                <Button
                  type="primary"
                  disabled={!region}
                  loading={drafting}
                  onClick={() => void draft()}
                  data-testid="supervision-draft"
                >
                  {t('supervision.create')}
                </Button>
              </>
            )}
          </Flex>
          {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
          <Table<SupervisionSummary>
            rowKey="id"
            size="small"
            loading={list.status === 'loading'}
            columns={columns}
            dataSource={list.status === 'success' ? list.data : []}
            locale={{ emptyText: t('supervision.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
