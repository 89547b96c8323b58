import { SCORE_PERIOD_KINDS } from '../../../shared/domain/scores.ts';

export type ScorePeriodKind = (typeof SCORE_PERIOD_KINDS)[number];

/** A query string of the given values, leaving out the absent ones. */
export function searchOf(values: Record<string, string | undefined>): string {
  return new URLSearchParams(
    Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ).toString();
}

/** Points kept in hundredths as the rules write them: 3, -1.5, 0.25 (a sign when asked). */
export function pointsText(cp: number, signed = false): string {
  const text = (cp / 100).toFixed(2).replace(/\.?0+$/, '');
  return signed && cp > 0 ? `+${text}` : text;
}

/** The period kind named in an address, month when absent or unknown. */
export function periodKindOf(value: string | null): ScorePeriodKind {
  return SCORE_PERIOD_KINDS.find((k) => k === value) ?? 'month';
}

/** The composite weights' sum to two places, as the rules check it (exactly 1). */
export function weightSum(weights: readonly number[]): { sum: string; ok: boolean } {
  const hundredths = weights.reduce((total, w) => total + Math.round(w * 100), 0);
  return { sum: (hundredths / 100).toFixed(2), ok: hundredths === 100 };
}
