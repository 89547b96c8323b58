import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import type { CampaignUnitRow } from '../../../shared/domain/campaign.ts';
import { EChart } from '../../components/EChart.tsx';

// Only what this chart draws is bundled; SVG prints sharp on paper.
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** Visits per community of the campaign's place, as bars, with the household visits beside them. */
export function VisitsByCommunityChart({
  rows,
  labels,
}: {
  rows: readonly CampaignUnitRow[];
  labels: { visits: string; householdVisits: string };
}) {
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.region.name), inverse: true },
      series: [
        { name: labels.visits, type: 'bar', data: rows.map((r) => r.visits) },
        { name: labels.householdVisits, type: 'bar', data: rows.map((r) => r.householdVisits) },
      ],
    }),
    [rows, labels.visits, labels.householdVisits],
  );
  return (
    <EChart
      option={option}
      style={{ height: Math.max(240, rows.length * 22 + 60) }}
      testId="campaign-chart"
    />
  );
}
