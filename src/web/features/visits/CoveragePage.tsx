import { Card, Flex, Segmented, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitCoverage } from '../../../shared/domain/coverage.ts';
import { useAsync } from '../../api/use-async.ts';
import { LoadedTable } from '../../components/LoadedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { QuotaProgress } from './QuotaProgress.tsx';
import { UnvisitedList } from './UnvisitedList.tsx';
import { type CoveragePeriod, useVisitsApi } from './visits-api.ts';

/** /visits/coverage: coverage per child unit, what is not yet visited, and quota progress. */
export function CoveragePage() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [period, setPeriod] = useState<CoveragePeriod>('quarter');

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('visits.coverage.title')}
        subtitle={t('visits.coverage.subtitle')}
        titleTestId="coverage-title"
      />
      <Flex gap={12} wrap align="center">
        <RegionTreeSelect
          value={region}
          onChange={setRegion}
          placeholder={t('visits.regionPlaceholder')}
          pickFirst
          maxWidth={320}
        />
        <Segmented<CoveragePeriod>
          value={period}
          onChange={setPeriod}
          options={(['month', 'quarter', 'year'] as const).map((p) => ({
            value: p,
            label: t(`visits.coverage.periods.${p}`),
          }))}
        />
      </Flex>
      {region ? (
        <>
          <CoverageTable regionId={region.id} period={period} />
          <UnvisitedList key={`${region.id}-${period}`} regionId={region.id} period={period} />
          <QuotaProgress regionId={region.id} />
        </>
      ) : (
        <Typography.Text type="secondary">{t('visits.coverage.pickRegion')}</Typography.Text>
      )}
    </Flex>
  );
}

function CoverageTable({ regionId, period }: { regionId: string; period: CoveragePeriod }) {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback(
    (signal: AbortSignal) => visits.coverage({ regionId, period }, signal),
    [visits, regionId, period],
  );
  const result = useAsync(load);
  const report = result.data;
  const cell = (c: UnitCoverage['households']) =>
    t('visits.coverage.coverageCell', {
      visited: c.visited,
      total: c.inScope,
      percent: Math.round(c.percent),
    });
  const rows = report ? [...report.units, { ...report.total, name: t('visits.coverage.total') }] : [];

  return (
    <Card
      title={
        report
          ? t('visits.coverage.periodRange', { from: report.period.from, to: report.period.to })
          : t('visits.coverage.period')
      }
    >
      <LoadedTable<UnitCoverage>
        result={result}
        rows={rows}
        rowKey={(u) => (u === rows.at(-1) ? 'total' : u.regionId)}
        scrollX={900}
        emptyText={t('visits.coverage.empty')}
        testId="coverage-table"
        columns={[
          { key: 'unit', title: t('visits.coverage.unit'), dataIndex: 'name', fixed: 'left', width: 140 },
          { key: 'h', title: t('visits.coverage.households'), render: (_v, u) => cell(u.households) },
          { key: 'e', title: t('visits.coverage.enterprises'), render: (_v, u) => cell(u.enterprises) },
          {
            key: 'v',
            title: t('visits.coverage.visitsCount'),
            dataIndex: 'visits',
            align: 'right',
            width: 90,
          },
          {
            key: 'n',
            title: t('visits.coverage.nightVisits'),
            dataIndex: 'nightVisits',
            align: 'right',
            width: 80,
          },
          {
            key: 'l',
            title: t('visits.coverage.leaderVisits'),
            dataIndex: 'leaderVisits',
            align: 'right',
            width: 90,
          },
          {
            key: 'g',
            title: t('visits.coverage.gaps'),
            width: 200,
            render: (_v, u) =>
              t('visits.coverage.gapsCell', { cadre: u.teamsNeedingCadre, grids: u.gridsWithoutTeam }),
          },
        ]}
      />
    </Card>
  );
}
