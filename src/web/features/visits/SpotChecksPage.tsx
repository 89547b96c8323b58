import { Card, Flex, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpotCheckSummary } from '../../../shared/domain/spot-check.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate } from '../../app/router.ts';
import { CreateButton } from '../../components/CreateButton.tsx';
import { LoadedTable } from '../../components/LoadedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DrawSpotCheckModal } from './DrawSpotCheckModal.tsx';
import { formatInstant, percentOf } from './format.ts';
import { SpotCheckFigures } from './SpotCheckFigures.tsx';
import { useVisitsApi } from './visits-api.ts';
import { spotCheckPath } from './visits-path.ts';

/** /visits/spot-checks: the checks drawn in the caller's area and a new draw. */
export function SpotChecksPage() {
  const { t, i18n } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.spotChecks(undefined, signal), [visits]);
  const result = useAsync(load);
  const [drawing, setDrawing] = useState(false);

  const columns: TableColumnsType<SpotCheckSummary> = [
    {
      key: 'region',
      title: t('visits.region'),
      render: (_v, c) => (
        <a
          href={spotCheckPath(c.id)}
          onClick={(e) => followLink(e, spotCheckPath(c.id))}
          data-testid="spot-check-link"
        >
          {c.regionName}
        </a>
      ),
    },
    {
      key: 'period',
      title: t('visits.spotChecks.period'),
      width: 200,
      render: (_v, c) => `${c.from} – ${c.to}`,
    },
    {
      key: 'percent',
      title: t('visits.spotChecks.percent'),
      dataIndex: 'percent',
      width: 110,
      align: 'right',
    },
    { key: 'seed', title: t('visits.spotChecks.seed'), dataIndex: 'seed', width: 120 },
    {
      key: 'progress',
      title: t('visits.spotChecks.progress'),
      width: 110,
      render: (_v, c) => t('visits.spotChecks.progressCell', { verified: c.verified, sampled: c.sampled }),
    },
    {
      key: 'rate',
      title: t('visits.spotChecks.confirmedRate'),
      width: 90,
      render: (_v, c) =>
        percentOf(c.verified === 0 ? null : c.confirmed / c.verified) ?? t('visits.spotChecks.noRate'),
    },
    {
      key: 'created',
      title: t('visits.spotChecks.createdAt'),
      width: 200,
      render: (_v, c) => `${formatInstant(c.createdAt, i18n.language)} ${c.createdByName}`,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('visits.spotChecks.title')}
        subtitle={t('visits.spotChecks.subtitle')}
        titleTestId="spot-checks-title"
        extra={
          result.data?.actions.includes('draw') && (
            <CreateButton onClick={() => setDrawing(true)} testId="spot-check-draw">
              {t('visits.spotChecks.draw')}
            </CreateButton>
          )
        }
      />
      <Card title={t('visits.spotChecks.list')}>
        <LoadedTable<SpotCheckSummary>
          result={result}
          rows={result.data?.items}
          pageSize={20}
          size="middle"
          rowKey="id"
          scrollX={900}
          emptyText={t('visits.spotChecks.empty')}
          columns={columns}
        />
      </Card>
      <SpotCheckFigures />
      <DrawSpotCheckModal
        open={drawing}
        onClose={() => setDrawing(false)}
        onDrawn={(id) => {
          setDrawing(false);
          navigate(spotCheckPath(id));
        }}
      />
    </Flex>
  );
}
