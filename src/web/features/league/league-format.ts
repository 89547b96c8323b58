import type { Rate } from '../../../shared/figures/counters.ts';

/** A share as a per cent with one decimal ("87.5%"), or null when there is nothing to divide. */
export function percentText(share: number | null | undefined): string | null {
  return share === null || share === undefined ? null : `${Math.round(share * 1000) / 10}%`;
}

export function rateText(rate: Rate | null): string | null {
  return percentText(rate?.value ?? null);
}

/** A change in rank as the page shows it: ↑2 moved up two places, ↓1 down one, – unchanged. */
export function rankChangeText(change: number | null): string | null {
  if (change === null) return null;
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '–';
}
