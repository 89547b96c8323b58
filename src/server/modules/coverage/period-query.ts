import {
  type Period,
  type PeriodKind,
  periodContaining,
  periodOfDay,
} from '../../../shared/visits/periods.ts';

/** The period of `kind` containing the CST day `at`, or the one containing now. */
export function periodFor(kind: PeriodKind, at: string | undefined, now: Date): Period {
  return at ? periodOfDay(kind, at) : periodContaining(kind, now);
}

// Generic over the kind: the figures add custom ranges to the calendar kinds.
export const periodView = <K extends string>(p: { kind: K; from: string; to: string }) => ({
  kind: p.kind,
  from: p.from,
  to: p.to,
});
