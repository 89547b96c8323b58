import type { GridMap } from '../../../shared/domain/map.ts';
import { MAP_FIGURE_UNIT, type MapFigure } from '../../../shared/map/map-figures.ts';
import { projectToWorld, unprojectFromWorld } from '../../../shared/map/map-tiles.ts';

/**
 * Turns the map API's answer into what ECharts draws: a FeatureCollection of the grids that have
 * a boundary (each feature named by the grid's id, as grid names repeat across communities) and
 * the chart's option. Pure, so the page stays a thin shell.
 */
export function gridFeatures(map: GridMap) {
  const drawn = map.grids.filter((g) => g.boundary !== null);
  return {
    type: 'FeatureCollection' as const,
    features: drawn.map((g) => ({
      type: 'Feature' as const,
      properties: { name: g.id },
      geometry: g.boundary,
    })),
  };
}

export interface MapLabels {
  figureName: string;
  noValue: string;
  community: string;
  hotSpotTip: (count: number) => string;
}

/** The value range the legend spans: 0–100 for percentages, 0–the largest for counts. */
export function valueRange(map: GridMap, figure: MapFigure): { min: number; max: number } {
  if (MAP_FIGURE_UNIT[figure] === 'percent') return { min: 0, max: 100 };
  const values = map.grids.map((g) => g.values[figure]).filter((v): v is number => v !== null);
  return { min: 0, max: Math.max(1, ...values) };
}

/**
 * `overTiles`: the operator's tiles lie under the grids, so the grids are drawn see-through. The
 * map is in Web Mercator either way, the projection the tiles are cut in.
 */
export function gridMapOption(
  map: GridMap,
  mapName: string,
  figure: MapFigure,
  labels: MapLabels,
  overTiles = false,
) {
  const byId = new Map(map.grids.map((g) => [g.id, g]));
  const { min, max } = valueRange(map, figure);
  const percent = MAP_FIGURE_UNIT[figure] === 'percent';
  const show = (v: number | null | undefined) =>
    v === null || v === undefined ? labels.noValue : percent ? `${v}%` : String(v);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesType: string; name: string; value: unknown; data?: { count?: number } }) => {
        if (p.seriesType === 'effectScatter') return labels.hotSpotTip(p.data?.count ?? 0);
        const g = byId.get(p.name);
        if (!g) return '';
        const community = g.communityName ? `<br/>${labels.community}: ${g.communityName}` : '';
        return `${g.name}${community}<br/>${labels.figureName}: ${show(g.values[figure])}`;
      },
    },
    visualMap: {
      type: 'continuous',
      min,
      max,
      calculable: true,
      left: 8,
      bottom: 8,
      // The handles carry the values (in the figure's unit); end texts would say them a second time.
      formatter: (value: number) => show(Math.round(value)),
      inRange: { color: percent ? ['#f5222d', '#fadb14', '#52c41a'] : ['#e6f4ff', '#1677ff', '#002c8c'] },
      seriesIndex: 0,
    },
    geo: {
      map: mapName,
      roam: true,
      projection: { project: projectToWorld, unproject: unprojectFromWorld },
      label: { show: false },
      itemStyle: {
        borderColor: '#ffffff',
        borderWidth: 0.8,
        areaColor: overTiles ? 'rgba(240, 240, 240, 0.3)' : '#f0f0f0',
        opacity: overTiles ? 0.7 : 1,
      },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd666' } },
    },
    series: [
      {
        type: 'map',
        geoIndex: 0,
        data: map.grids
          .filter((g) => g.boundary !== null)
          .map((g) => ({ name: g.id, value: g.values[figure] ?? Number.NaN })),
      },
      {
        type: 'effectScatter',
        coordinateSystem: 'geo',
        rippleEffect: { scale: 3 },
        itemStyle: { color: '#cf1322' },
        symbolSize: (value: number[]) => Math.min(24, 6 + 3 * Math.sqrt(value[2] ?? 1)),
        data: map.hotSpots.map((s) => ({
          value: [s.position[0], s.position[1], s.count],
          count: s.count,
        })),
      },
    ],
  };
}
