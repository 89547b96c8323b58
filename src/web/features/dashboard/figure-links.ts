import { CASE_STATES } from '../../../shared/cases/workflow.ts';
import { caseListPath } from '../cases/cases-path.ts';
import { diaryPath } from '../visits/visits-path.ts';
import type { FigureCard } from './figure-cards.ts';

/** The place and period a figure counts over. */
export interface FigureScope {
  regionId: string;
  from: string;
  to: string;
}

/**
 * The list of the cases or visits a headline figure counts, where a list filter says exactly
 * what the figure counts; null where none does (a rate's denominator, a level passed through).
 * Case figures are over the cases created in the period, visit figures over the visits started in
 * it (docs/specs/workflow.md "Figures"), so each list is filtered by those days.
 */
export function figureListPath(id: FigureCard['id'], at: FigureScope): string | null {
  // Every state: the queue shows open cases unless asked for states, and a figure counts them all.
  const cases = { regionId: at.regionId, createdFrom: at.from, createdTo: at.to, state: [...CASE_STATES] };
  const visits = { regionId: at.regionId, from: at.from, to: at.to };
  switch (id) {
    case 'received':
      return caseListPath('queue', cases);
    case 'onSpot':
      return caseListPath('queue', { ...cases, onSpot: 'true' });
    case 'overdue':
      return caseListPath('queue', { ...cases, overdue: 'true' });
    case 'closureRate':
      // The rate's numerator: the period's cases closed.
      return caseListPath('queue', { ...cases, state: ['closed'] });
    case 'visits':
      return diaryPath(visits);
    case 'nightVisits':
      return diaryPath({ ...visits, night: 'true' });
    default:
      return null;
  }
}

/** The cases of one row of a breakdown: a child place's, or a category's, in the period. */
export function breakdownCasesPath(
  row: { regionId: string | null; categoryId: string | null; day: string | null },
  at: FigureScope,
): string {
  return caseListPath('queue', {
    state: [...CASE_STATES],
    regionId: row.regionId ?? at.regionId,
    createdFrom: row.day ?? at.from,
    createdTo: row.day ?? at.to,
    ...(row.categoryId ? { categoryId: row.categoryId } : {}),
  });
}
