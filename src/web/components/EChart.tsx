import type { ECElementEvent, ECharts, EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { type CSSProperties, useEffect, useRef } from 'react';

/**
 * One Apache ECharts chart, bundled with the app (no CDN): created on mount, given each new option
 * whole (`notMerge`, so a series that went away goes), resized with its box, disposed on unmount.
 * Callers register the charts and components they draw with `echarts.use` in their own module,
 * so the bundle holds only what some page draws. SVG is the default renderer: it prints sharp.
 */
export function EChart({
  option,
  renderer = 'svg',
  style,
  onClick,
  onViewChange,
  testId,
}: {
  option: EChartsCoreOption;
  renderer?: 'svg' | 'canvas';
  style?: CSSProperties;
  /** A click on a data item (a bar, a point, a map region). */
  onClick?: (event: ECElementEvent) => void;
  /**
   * The chart was drawn with a new option, resized, or a map in it was panned or zoomed: the moment
   * to lay out anything that follows the view (the grid map's tiles).
   */
  onViewChange?: (chart: ECharts) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const viewChange = useRef(onViewChange);
  viewChange.current = onViewChange;

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer });
    chart.current = instance;
    instance.on('click', (event) => click.current?.(event as ECElementEvent));
    instance.on('georoam', () => viewChange.current?.(instance));
    const resize = new ResizeObserver(() => {
      instance.resize();
      viewChange.current?.(instance);
    });
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    if (!chart.current) return;
    chart.current.setOption(option, { notMerge: true });
    viewChange.current?.(chart.current);
  }, [option]);

  return <div ref={box} style={{ width: '100%', height: 300, ...style }} data-testid={testId} />;
}
