import type { FiguresReport } from '../../../shared/domain/figures.ts';

/** A rate as the API gives it, or a plain number. */
type Value = number | { value: number | null } | null;

/** The headline figures a leader sees first, in this order (keys of the figures report). */
export const HEADLINE_CASE_FIGURES = [
  'received',
  'onSpot',
  'closureRate',
  'onTimeRate',
  'satisfactionRate',
  'responseRate',
  'passedToStreet',
  'passedToDistrict',
  'reopened',
  'overdue',
] as const;
export const HEADLINE_VISIT_FIGURES = [
  'visits',
  'nightVisits',
  'problemsFound',
  'solvedOnSpot',
  'opinionsCollected',
  'householdCoveragePercent',
  'aidDelivered',
] as const;

export interface FigureCard {
  id: (typeof HEADLINE_CASE_FIGURES)[number] | (typeof HEADLINE_VISIT_FIGURES)[number];
  /** What the card shows: a count, a whole per cent, or "—" when there is nothing to divide. */
  text: string;
  /** Against the previous period: "+3", "−2.5 pp", or null when either side has no value. */
  change: string | null;
}

const isRate = (v: Value): v is { value: number | null } => typeof v === 'object' && v !== null;
const numberOf = (v: Value) => (isRate(v) ? v.value : v);

/** One decimal (two for yuan, to the fen), no trailing zeros; the minus sign as a real minus. */
const tidy = (n: number, scale = 10) => String(Math.round(n * scale) / scale).replace('-', '−');

/** A rate as a whole per cent to one decimal, or "—" when there is nothing to divide. */
export const rateText = (rate: { value: number | null }) =>
  rate.value === null ? '—' : `${tidy(rate.value * 100)} %`;

function card(id: FigureCard['id'], now: Value, before: Value, percent: boolean): FigureCard {
  const a = numberOf(now);
  const b = numberOf(before);
  const scale = isRate(now) ? 100 : 1;
  const places = id === 'aidDelivered' ? 100 : 10;
  const text = a === null ? '—' : `${tidy(a * scale, places)}${percent ? ' %' : ''}`;
  if (a === null || b === null) return { id, text, change: null };
  const diff = (a - b) * scale;
  const sign = diff > 0 ? '+' : '';
  return { id, text, change: `${sign}${tidy(diff, places)}${percent ? ' pp' : ''}` };
}

/** The headline cards of a figures report, each with its change against the previous period. */
export function figureCards(report: FiguresReport): { cases: FigureCard[]; visits: FigureCard[] } {
  const { current, previous } = report;
  return {
    cases: HEADLINE_CASE_FIGURES.map((id) =>
      card(id, current.cases[id], previous.cases[id], id.endsWith('Rate')),
    ),
    visits: HEADLINE_VISIT_FIGURES.map((id) =>
      card(id, current.visits[id], previous.visits[id], id.endsWith('Percent')),
    ),
  };
}
