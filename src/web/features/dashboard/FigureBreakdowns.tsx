import {
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Skeleton,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryListSchema } from '../../../shared/domain/category.ts';
import {
  type FigureBreakdown,
  type FigureBreakdownKind,
  type FigureBreakdownRow,
  figureBreakdownSchema,
} from '../../../shared/domain/figures.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { EChart } from '../../components/EChart.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { leastSatisfying, percentText } from './breakdown-rows.ts';
import type { Place } from './FigureDashboard.tsx';
import { breakdownCasesPath, type FigureScope } from './figure-links.ts';
import { type PeriodChoice, periodChoiceQuery } from './period-choice.ts';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

function useBreakdown(regionId: string, period: PeriodChoice, by: FigureBreakdownKind) {
  const api = useApi();
  // The query string, not the object (new on every render), decides when to read again.
  const query = periodChoiceQuery(period);
  const load = useCallback(
    (signal: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/figures/breakdown?regionId=${encodeURIComponent(regionId)}&${query}&by=${by}`,
        figureBreakdownSchema,
        { signal },
      ),
    [api, regionId, query, by],
  );
  return useAsync(load);
}

const scopeOf = (b: FigureBreakdown): FigureScope => ({
  regionId: b.region.id,
  from: b.period.from,
  to: b.period.to,
});

/** A count that opens the cases it counts. */
function CasesLink({ row, scope, value }: { row: FigureBreakdownRow; scope: FigureScope; value: number }) {
  const to = breakdownCasesPath(row, scope);
  return (
    <a href={to} onClick={(e) => followLink(e, to)} data-testid="breakdown-cases-link">
      {value}
    </a>
  );
}

/**
 * A category row's name in the reader's language: the figures store the Chinese name, and the
 * category list has the English one the operator gave (the Chinese where there is none).
 */
function useCategoryNames(): (row: FigureBreakdownRow) => string {
  const { i18n } = useTranslation();
  const api = useApi();
  const english = i18n.language === 'en';
  const load = useCallback(
    (signal: AbortSignal) =>
      english
        ? api.request('GET', '/api/v1/categories', categoryListSchema, { signal })
        : Promise.resolve(null),
    [api, english],
  );
  const list = useAsync(load);
  return useMemo(() => {
    const names = new Map((list.data?.items ?? []).map((c) => [c.id, c.nameEn]));
    return (row) => names.get(row.categoryId ?? row.key) || row.name;
  }, [list.data]);
}

function Loading({ state }: { state: ReturnType<typeof useBreakdown> }) {
  if (state.status === 'error') return <ApiErrorAlert error={state.error} onRetry={state.reload} />;
  return <Skeleton active />;
}

/** The figures of a place broken down: trend, child places, categories, units. */
export function FigureBreakdowns({
  regionId,
  period,
  onDrill,
}: {
  regionId: string;
  period: PeriodChoice;
  onDrill: (child: Place) => void;
}) {
  const { t } = useTranslation();
  const byDay = useBreakdown(regionId, period, 'day');
  const byPlace = useBreakdown(regionId, period, 'place');
  const byCategory = useBreakdown(regionId, period, 'category');
  const byUnit = useBreakdown(regionId, period, 'unit');
  const name = (key: string) => t(`figures.defs.${key}.name`);
  const categoryName = useCategoryNames();

  const trend = useMemo(() => {
    const rows = byDay.data?.rows ?? [];
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.key.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: name('received'), type: 'line', data: rows.map((r) => r.cases.received) },
        { name: name('closed'), type: 'line', data: rows.map((r) => r.cases.closed) },
        { name: name('visits'), type: 'bar', data: rows.map((r) => r.visits?.visits ?? 0) },
      ],
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: names follow the language, which re-renders.
  }, [byDay.data, name]);

  const categories = byCategory.data?.rows ?? [];
  const categoryChart = useMemo(() => {
    const top = categories.filter((r) => r.cases.received > 0).slice(0, 10);
    const label = (r: FigureBreakdownRow) => categoryName(r) || t('figures.board.noCategory');
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: top.map(label), inverse: true },
      series: [{ name: name('received'), type: 'bar', data: top.map((r) => r.cases.received) }],
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: names follow the language, which re-renders.
  }, [categories, t, name, categoryName]);

  const placeColumns = (scope: FigureScope): TableColumnsType<FigureBreakdownRow> => [
    {
      key: 'name',
      title: t('figures.board.name'),
      render: (_v, row) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => row.regionId && onDrill({ id: row.regionId, name: row.name })}
          data-testid="figures-drill"
          data-region={row.regionId ?? ''}
        >
          {row.name}
        </Button>
      ),
    },
    { key: 'visits', title: name('visits'), align: 'right', render: (_v, r) => r.visits?.visits ?? 0 },
    {
      key: 'coverage',
      title: name('householdCoveragePercent'),
      align: 'right',
      render: (_v, r) => `${r.visits?.householdCoveragePercent ?? 0} %`,
    },
    {
      key: 'problems',
      title: name('problemsFound'),
      align: 'right',
      render: (_v, r) => r.visits?.problemsFound ?? 0,
    },
    {
      key: 'received',
      title: name('received'),
      align: 'right',
      render: (_v, r) => <CasesLink row={r} scope={scope} value={r.cases.received} />,
    },
    {
      key: 'closure',
      title: name('closureRate'),
      align: 'right',
      render: (_v, r) => percentText(r.cases.closureRate),
    },
    {
      key: 'satisfaction',
      title: name('satisfactionRate'),
      align: 'right',
      render: (_v, r) => percentText(r.cases.satisfactionRate),
    },
  ];

  const unitColumns: TableColumnsType<FigureBreakdownRow> = [
    { key: 'name', title: t('figures.board.name'), render: (_v, r) => r.name || t('figures.board.noUnit') },
    { key: 'received', title: name('received'), align: 'right', render: (_v, r) => r.cases.received },
    { key: 'closed', title: name('closed'), align: 'right', render: (_v, r) => r.cases.closed },
    {
      key: 'onTime',
      title: name('onTimeRate'),
      align: 'right',
      render: (_v, r) => percentText(r.cases.onTimeRate),
    },
    {
      key: 'satisfaction',
      title: name('satisfactionRate'),
      align: 'right',
      render: (_v, r) => percentText(r.cases.satisfactionRate),
    },
    { key: 'overdue', title: name('overdue'), align: 'right', render: (_v, r) => r.cases.overdue },
  ];

  const least = byCategory.data ? leastSatisfying(byCategory.data.rows) : [];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small" title={t('figures.board.trend')} data-testid="figures-trend">
          {byDay.data ? (
            <EChart option={trend} style={{ height: 260 }} testId="figures-trend-chart" />
          ) : (
            <Loading state={byDay} />
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          size="small"
          title={t('figures.board.byPlace')}
          extra={<Typography.Text type="secondary">{t('figures.board.drillHint')}</Typography.Text>}
          data-testid="figures-by-place"
        >
          {byPlace.data ? (
            <Table<FigureBreakdownRow>
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ x: 720 }}
              dataSource={byPlace.data.rows}
              columns={placeColumns(scopeOf(byPlace.data))}
              locale={{ emptyText: <Empty description={t('figures.board.empty')} /> }}
            />
          ) : (
            <Loading state={byPlace} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('figures.board.byCategory')} data-testid="figures-by-category">
          {byCategory.data ? (
            <EChart option={categoryChart} style={{ height: 300 }} />
          ) : (
            <Loading state={byCategory} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('figures.board.leastSatisfied')} data-testid="figures-least-satisfied">
          {byCategory.data ? (
            <List
              size="small"
              dataSource={least}
              locale={{ emptyText: t('figures.board.noneUnsatisfied') }}
              renderItem={(row, i) => {
                const to = byCategory.data && breakdownCasesPath(row, scopeOf(byCategory.data));
                return (
                  <List.Item
                    extra={`${name('unsatisfied')} ${row.cases.unsatisfied}`}
                    data-testid="least-satisfied-item"
                  >
                    <a href={to ?? undefined} onClick={(e) => to && followLink(e, to)}>
                      {i + 1}. {categoryName(row) || t('figures.board.noCategory')}
                    </a>
                  </List.Item>
                );
              }}
            />
          ) : (
            <Loading state={byCategory} />
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('figures.board.byUnit')} data-testid="figures-by-unit">
          {byUnit.data ? (
            <Table<FigureBreakdownRow>
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ x: 640 }}
              dataSource={byUnit.data.rows}
              columns={unitColumns}
              locale={{ emptyText: <Empty description={t('figures.board.empty')} /> }}
            />
          ) : (
            <Loading state={byUnit} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
