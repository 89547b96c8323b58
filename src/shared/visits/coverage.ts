import { inPeriod, type Period } from './periods.ts';

/**
 * Coverage in whole per cent: visited / in scope, rounded DOWN, so 100 % means every one was
 * visited (999 of 1000 is 99 %, never a rounded-up 100 %). Nothing in scope counts as fully
 * covered (100 %). Integer arithmetic only: no floating-point edge cases at the boundaries.
 */
export function coveragePercent(visited: number, inScope: number): number {
  if (inScope <= 0) return 100;
  const clamped = Math.max(0, Math.min(visited, inScope));
  return Math.floor((clamped * 100) / inScope);
}

export interface SubjectVisit {
  subjectId: string;
  startedAt: Date;
}

export interface Coverage {
  inScope: number;
  visited: number;
  percent: number;
}

/**
 * Coverage of a set of households (or enterprises) in a period: how many distinct ones had at
 * least one visit that started in it. Visits to subjects outside the set do not count.
 */
export function coverageOf(
  subjectIds: readonly string[],
  visits: readonly SubjectVisit[],
  period: Period,
): Coverage {
  const subjects = new Set(subjectIds);
  const seen = new Set<string>();
  for (const v of visits)
    if (subjects.has(v.subjectId) && inPeriod(period, v.startedAt)) seen.add(v.subjectId);
  return { inScope: subjects.size, visited: seen.size, percent: coveragePercent(seen.size, subjects.size) };
}
