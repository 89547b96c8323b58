import { Card, Flex, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpotCheckFigure } from '../../../shared/domain/spot-check.ts';
import { cstDay, firstDayOf } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { DateField } from '../../components/DateField.tsx';
import { LoadedTable } from '../../components/LoadedTable.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { percentOf } from './format.ts';
import { useVisitsApi } from './visits-api.ts';

/** Spot-check results per child unit of a region over a period (the unit's figures). */
export function SpotCheckFigures() {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const today = cstDay(new Date());
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [from, setFrom] = useState(firstDayOf('year', today));
  const [to, setTo] = useState(today);
  const regionId = region?.id;
  const load = useCallback(
    async (signal: AbortSignal) =>
      regionId && from <= to ? visits.spotCheckFigures({ regionId, from, to }, signal) : null,
    [visits, regionId, from, to],
  );
  const result = useAsync(load);

  return (
    <Card title={t('visits.spotChecks.figures')}>
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center">
          <RegionTreeSelect
            value={region}
            onChange={setRegion}
            placeholder={t('visits.regionPlaceholder')}
            pickFirst
            maxWidth={300}
          />
          <DateField
            value={from}
            max={to}
            onChange={(day) => setFrom(day || firstDayOf('month', today))}
            style={{ width: 160 }}
          />
          <Typography.Text>–</Typography.Text>
          <DateField value={to} min={from} onChange={(day) => setTo(day || today)} style={{ width: 160 }} />
        </Flex>
        <LoadedTable<SpotCheckFigure>
          result={result}
          rows={result.data?.units}
          rowKey="regionId"
          scrollX={640}
          emptyText={t('visits.spotChecks.figuresEmpty')}
          columns={[
            { key: 'unit', title: t('visits.coverage.unit'), dataIndex: 'regionName' },
            { key: 'sampled', title: t('visits.spotChecks.sampled'), dataIndex: 'sampled', align: 'right' },
            {
              key: 'c',
              title: t('visits.spotChecks.results.confirmed'),
              dataIndex: 'confirmed',
              align: 'right',
            },
            {
              key: 'n',
              title: t('visits.spotChecks.results.not_confirmed'),
              dataIndex: 'notConfirmed',
              align: 'right',
            },
            {
              key: 'u',
              title: t('visits.spotChecks.results.unreachable'),
              dataIndex: 'unreachable',
              align: 'right',
            },
            {
              key: 'rate',
              title: t('visits.spotChecks.confirmedRate'),
              align: 'right',
              render: (_v, f) => percentOf(f.confirmedRate) ?? t('visits.spotChecks.noRate'),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
