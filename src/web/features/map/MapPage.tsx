import { QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Segmented, Select, Skeleton, Tooltip, Typography } from 'antd';
import { EffectScatterChart, MapChart } from 'echarts/charts';
import { GeoComponent, GraphicComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAP_FIGURE_UNIT, MAP_FIGURES, type MapFigure } from '../../../shared/map/map-figures.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { useMeta } from '../../app/meta-context.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { gridFeatures, gridMapOption, valueRange } from './grid-map-chart.ts';
import { fetchGridMap } from './map-api.ts';
import { tileLayer } from './map-tile-layer.ts';

echarts.use([
  MapChart,
  EffectScatterChart,
  GeoComponent,
  GraphicComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

const PERIODS = ['week', 'month', 'quarter', 'year'] as const;
type PeriodKind = (typeof PERIODS)[number];

/**
 * The grid map (issue 12 §7): the grids of a place drawn from their boundaries, coloured by a
 * figure of the chosen period, with hot spots of open cases. The shapes are the map; an operator
 * may lay their own tile server's images under them (MINQING_MAP_TILE_URL), never the internet's.
 */
export function MapPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [regionId, setRegionId] = useState<string | null>(null);
  const [figure, setFigure] = useState<MapFigure>('householdCoveragePercent');
  const [period, setPeriod] = useState<PeriodKind>('month');
  const tiles = useMeta().data?.mapTiles ?? null;
  const [tileZoom, setTileZoom] = useState<number | null>(null);
  const onViewChange = useMemo(() => {
    if (!tiles) return undefined;
    const draw = tileLayer(tiles);
    return (chart: echarts.ECharts) => setTileZoom(draw(chart));
  }, [tiles]);

  // The places one may look at: the roots of one's scope and their children.
  const loadRegions = useCallback(async () => {
    const roots = await api.listRegions();
    const children = roots[0] && roots[0].level !== 'grid' ? await api.listRegions(roots[0].id) : [];
    return [...roots, ...children.filter((c) => c.level !== 'grid')];
  }, [api]);
  const regions = useAsync(loadRegions);
  useEffect(() => {
    if (regionId === null && regions.data?.[0]) setRegionId(regions.data[0].id);
  }, [regions.data, regionId]);

  const loadMap = useCallback(
    (signal: AbortSignal) =>
      regionId ? fetchGridMap(api, { regionId, period }, signal) : Promise.resolve(null),
    [api, regionId, period],
  );
  const map = useAsync(loadMap);
  const data = map.data ?? null;

  const figureName = (f: MapFigure) =>
    f === 'openCases' ? t('map.openCases.name') : t(`figures.defs.${f}.name`);
  const figureHow = (f: MapFigure) =>
    f === 'openCases' ? t('map.openCases.how') : t(`figures.defs.${f}.how`);

  const mapName = data ? `grids-${data.region.id}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: figureName reads only `t`.
  const option = useMemo(() => {
    if (!data) return null;
    echarts.registerMap(mapName, gridFeatures(data) as Parameters<typeof echarts.registerMap>[1]);
    return gridMapOption(
      data,
      mapName,
      figure,
      {
        figureName: figureName(figure),
        noValue: t('map.noValue'),
        community: t('map.community'),
        hotSpotTip: (count) => t('map.hotSpotTip', { count }),
      },
      tiles !== null,
    );
  }, [data, mapName, figure, t, tiles]);

  const drawn = data?.grids.filter((g) => g.boundary !== null).length ?? 0;
  const total = data?.grids.length ?? 0;
  const range = data ? valueRange(data, figure) : null;

  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('map.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('map.subtitle')}</Typography.Text>
      </div>
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={t('map.region')}
          style={{ minWidth: 200 }}
          value={regionId ?? undefined}
          loading={regions.status === 'loading'}
          onChange={setRegionId}
          options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          data-testid="map-region"
        />
        <Select<MapFigure>
          aria-label={t('map.figure')}
          style={{ minWidth: 200 }}
          value={figure}
          onChange={setFigure}
          options={MAP_FIGURES.map((f) => ({ value: f, label: figureName(f) }))}
          data-testid="map-figure"
        />
        <Segmented<PeriodKind>
          value={period}
          onChange={setPeriod}
          options={PERIODS.map((p) => ({ value: p, label: t(`map.periods.${p}`) }))}
          data-testid="map-period"
        />
      </Flex>
      {regions.status === 'error' && <ApiErrorAlert error={regions.error} onRetry={regions.reload} />}
      {map.status === 'error' && <ApiErrorAlert error={map.error} onRetry={map.reload} />}
      {(map.status === 'loading' || regions.status === 'loading') && <Skeleton active />}
      {data && (
        <Card
          size="small"
          data-testid="grid-map"
          data-grids-drawn={drawn}
          data-figure={figure}
          data-tile-zoom={tileZoom ?? undefined}
          title={
            <Flex gap={6} align="center" data-testid="map-legend" data-figure={figure}>
              {figureName(figure)}
              {range && (
                <Typography.Text type="secondary">
                  {MAP_FIGURE_UNIT[figure] === 'percent'
                    ? `${range.min}%–${range.max}%`
                    : `${range.min}–${range.max}`}
                </Typography.Text>
              )}
              <Tooltip title={figureHow(figure)}>
                <QuestionCircleOutlined aria-label={figureHow(figure)} />
              </Tooltip>
            </Flex>
          }
          extra={<Typography.Text type="secondary">{t('map.grids', { drawn, total })}</Typography.Text>}
        >
          {drawn < total && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('map.noBoundary', { count: total - drawn })}
            />
          )}
          {drawn === 0 ? (
            <Empty description={t('map.empty')} />
          ) : (
            option && (
              <EChart
                option={option as echarts.EChartsCoreOption}
                renderer="canvas"
                style={{ height: 'min(70vh, 640px)' }}
                testId="grid-map-canvas"
                onViewChange={onViewChange}
              />
            )
          )}
          {tiles?.attribution && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="map-attribution">
              {tiles.attribution}
            </Typography.Text>
          )}
        </Card>
      )}
    </Flex>
  );
}
