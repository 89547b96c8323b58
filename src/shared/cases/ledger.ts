import { CASE_STATES, type CaseState, TERMINAL_STATES } from './workflow.ts';

/**
 * The enterprise ledger (企业诉求台账, docs/specs/workflow.md): the same cases as the workflow, named by the
 * stages of the 挂号/销号 ledger practice. 入账 on the books (recorded, accepted), 理账 being
 * handled, 结账 answered or closed, 督账 under supervision: awaiting the follow-up call, reopened,
 * or an open case that went overdue or was supervised. Rejected, merged and cancelled cases never
 * entered the ledger.
 */
export const LEDGER_STAGES = ['entered', 'handling', 'settled', 'supervising'] as const;
export type LedgerStage = (typeof LEDGER_STAGES)[number];

const BY_STATE: Record<CaseState, LedgerStage | null> = {
  submitted: 'entered',
  accepted: 'entered',
  dispatched: 'handling',
  returned: 'handling',
  in_progress: 'handling',
  replied: 'settled',
  follow_up: 'supervising',
  reopened: 'supervising',
  closed: 'settled',
  rejected: null,
  merged: null,
  cancelled: null,
};

/** States that never enter the ledger (the reporter was told why; the case is not an account). */
export const OFF_LEDGER_STATES: readonly CaseState[] = CASE_STATES.filter((s) => BY_STATE[s] === null);

export interface LedgerFacts {
  state: CaseState;
  supervised: boolean;
  overdue: boolean;
}

export function ledgerStage(c: LedgerFacts): LedgerStage | null {
  const stage = BY_STATE[c.state];
  if (stage === null) return null;
  // A closed case keeps its overdue mark for the on-time rate, but its account is settled.
  if (!TERMINAL_STATES.has(c.state) && (c.supervised || c.overdue)) return 'supervising';
  return stage;
}

/**
 * A stage as a query can ask for it, read off `ledgerStage` itself so the two cannot disagree:
 * states in the stage whatever the flags, states in it only without a flag (supervised or overdue),
 * and states in it only with one.
 */
export function stageStates(stage: LedgerStage): {
  always: CaseState[];
  unflagged: CaseState[];
  flagged: CaseState[];
} {
  const out = { always: [] as CaseState[], unflagged: [] as CaseState[], flagged: [] as CaseState[] };
  for (const state of CASE_STATES) {
    const plain = ledgerStage({ state, supervised: false, overdue: false }) === stage;
    const marked =
      ledgerStage({ state, supervised: true, overdue: false }) === stage &&
      ledgerStage({ state, supervised: false, overdue: true }) === stage;
    if (plain && marked) out.always.push(state);
    else if (plain) out.unflagged.push(state);
    else if (marked) out.flagged.push(state);
  }
  return out;
}
