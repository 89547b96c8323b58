import type { FigureBreakdownRow } from '../../../shared/domain/figures.ts';

/**
 * 群众最不满意的10件事: the categories with the most cases rated unsatisfied in the period, most
 * first; on a tie the lower satisfaction rate first, then the name. Categories nobody was
 * unsatisfied with are not on the list.
 */
export function leastSatisfying(rows: readonly FigureBreakdownRow[], count = 10): FigureBreakdownRow[] {
  return rows
    .filter((r) => r.cases.unsatisfied > 0)
    .sort(
      (a, b) =>
        b.cases.unsatisfied - a.cases.unsatisfied ||
        (a.cases.satisfactionRate.value ?? 1) - (b.cases.satisfactionRate.value ?? 1) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    )
    .slice(0, count);
}

/** A rate as a whole-ish per cent ("87.5 %"), or a dash when nothing divides. */
export function percentText(rate: { value: number | null }): string {
  return rate.value === null ? '—' : `${Math.round(rate.value * 1000) / 10} %`;
}
