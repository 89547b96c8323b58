import { z } from 'zod';
import { CASE_STATES, type CaseState, TERMINAL_STATES } from '../cases/workflow.ts';
import { caseStateSchema } from './case.ts';

/**
 * The counts a home page needs that no list answers (docs/guides "Home page"). Everything else on
 * the home pages is the total of a case or visit list, so each count opens the list it counts.
 */
const count = z.number().int().min(0);

/** The open states, in workflow order: what the dispatcher's queue shows by default. */
export const QUEUE_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !TERMINAL_STATES.has(s));

export const homeCountsSchema = z.object({
  /** The open cases in the caller's case scope, for those who route cases (cases:dispatch). */
  queue: z
    .object({
      /** Every open state, in workflow order, with its count (zero included). */
      byState: z.array(z.object({ state: caseStateSchema, count })),
      overdue: count,
      /** Not yet overdue, next deadline within the due-soon window (clock-rules.ts `DUE_SOON_MS`). */
      dueSoon: count,
    })
    .nullable(),
  /** The handling unit's to-do beyond its inbox lists, for those who handle cases (cases:handle). */
  todo: z
    .object({
      /** Whistle tasks (街乡吹哨) of the caller's departments not yet reported done (报到). */
      reportsDue: count,
      /** Of those, past their report deadline. */
      reportsLate: count,
      /** Cases in the caller's inbox whose reply the first responder sent back, not yet replied again. */
      sentBack: count,
    })
    .nullable(),
});
export type HomeCounts = z.infer<typeof homeCountsSchema>;
