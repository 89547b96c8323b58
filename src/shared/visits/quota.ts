import { inPeriod, type Period } from './periods.ts';

/** A visit as quota arithmetic sees it: when it started and who went. */
export interface CountedVisit {
  startedAt: Date;
  visitorIds: readonly string[];
}

/**
 * Visits per worker in a period. A visit counts once for each person who went (a joint mentor–
 * mentee visit counts for both), and once only however often a visitor is listed.
 */
export function visitsPerWorker(visits: readonly CountedVisit[], period: Period): Map<string, number> {
  const counts = new Map<string, number>();
  for (const visit of visits) {
    if (!inPeriod(period, visit.startedAt)) continue;
    for (const userId of new Set(visit.visitorIds)) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  }
  return counts;
}

export interface QuotaProgress {
  done: number;
  target: number;
  /** done / target in whole per cent, rounded down and capped at 100: 100 means the quota is met. */
  percent: number;
  met: boolean;
}

export function quotaProgress(done: number, target: number): QuotaProgress {
  const met = done >= target;
  const percent = target <= 0 ? 100 : Math.min(100, Math.floor((done * 100) / target));
  return { done, target, percent, met };
}
