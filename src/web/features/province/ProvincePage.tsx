import { Alert, Flex, Segmented, Skeleton, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigurePeriodKind } from '../../../shared/domain/figure-periods.ts';
import { type ProvinceFiguresReport, provinceFiguresSchema } from '../../../shared/domain/figures.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { rateText } from '../dashboard/figure-cards.ts';

/** The calendar periods a province is compared over (a custom range is the district's tool). */
const PERIODS = ['month', 'quarter', 'year'] as const satisfies readonly FigurePeriodKind[];

type Row = ProvinceFiguresReport['province'] & { code: string; name: string; total?: true };

/**
 * A provincial leader's home (issue 17 §3): every district's headline figures for a period side by
 * side, and the province's, from GET /api/v1/figures/province. No place below a district, no case
 * and no person is shown: the figures are the districts' kept totals.
 */
export function ProvincePage() {
  const { t } = useTranslation();
  const api = useApi();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('month');
  const load = useCallback(
    (signal: AbortSignal) =>
      api.request('GET', `/api/v1/figures/province?period=${period}`, provinceFiguresSchema, { signal }),
    [api, period],
  );
  const report = useAsync(load);
  const rows: Row[] = report.data
    ? [
        ...report.data.districts,
        { ...report.data.province, code: 'province', name: t('figures.province.total'), total: true },
      ]
    : [];

  return (
    <Flex vertical gap={16} data-testid="province" style={{ minWidth: 0 }}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('figures.province.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('figures.province.subtitle')}</Typography.Text>
      </div>
      <Segmented<(typeof PERIODS)[number]>
        value={period}
        onChange={setPeriod}
        options={PERIODS.map((p) => ({ value: p, label: t(`figures.periods.${p}`) }))}
        data-testid="province-period"
        style={{ alignSelf: 'flex-start' }}
      />
      {report.status === 'error' && <ApiErrorAlert error={report.error} onRetry={report.reload} />}
      {report.status === 'loading' && <Skeleton active />}
      {report.data && report.data.districts.length === 0 && (
        <Alert type="info" showIcon title={t('figures.province.empty')} />
      )}
      {report.data && report.data.districts.length > 0 && (
        <Table<Row>
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          data-testid="province-table"
          data-period={`${report.data.period.from}/${report.data.period.to}`}
          onRow={(row) => ({ 'data-district': row.code }) as never}
          columns={[
            {
              key: 'name',
              title: t('figures.province.district'),
              render: (_, row) => (row.total ? <strong>{row.name}</strong> : row.name),
            },
            {
              key: 'received',
              title: t('figures.defs.received.name'),
              align: 'right',
              render: (_, row) => row.cases.received,
            },
            ...(['closureRate', 'onTimeRate', 'satisfactionRate'] as const).map((id) => ({
              key: id,
              title: t(`figures.defs.${id}.name`),
              align: 'right' as const,
              render: (_: unknown, row: Row) => rateText(row.cases[id]),
            })),
            {
              key: 'visits',
              title: t('figures.defs.visits.name'),
              align: 'right',
              render: (_, row) => row.visits.visits,
            },
            {
              key: 'problems',
              title: t('figures.defs.problemsFound.name'),
              align: 'right',
              render: (_, row) => row.visits.problems,
            },
            ...(['householdCoveragePercent', 'enterpriseCoveragePercent'] as const).map((id) => ({
              key: id,
              title: t(`figures.defs.${id}.name`),
              align: 'right' as const,
              render: (_: unknown, row: Row) => (row.coverage ? `${row.coverage[id]} %` : '—'),
            })),
          ]}
        />
      )}
    </Flex>
  );
}
