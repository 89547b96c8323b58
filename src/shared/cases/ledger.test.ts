import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEDGER_STAGES, type LedgerFacts, ledgerStage, OFF_LEDGER_STATES, stageStates } from './ledger.ts';
import { CASE_STATES } from './workflow.ts';

const factsArb: fc.Arbitrary<LedgerFacts> = fc.record({
  state: fc.constantFrom(...CASE_STATES),
  supervised: fc.boolean(),
  overdue: fc.boolean(),
});

describe('enterprise ledger stages', () => {
  it('names each state by its stage', () => {
    const plain = (state: LedgerFacts['state']) => ledgerStage({ state, supervised: false, overdue: false });
    expect(plain('submitted')).toBe('entered');
    expect(plain('accepted')).toBe('entered');
    expect(plain('dispatched')).toBe('handling');
    expect(plain('returned')).toBe('handling');
    expect(plain('in_progress')).toBe('handling');
    expect(plain('replied')).toBe('settled');
    expect(plain('closed')).toBe('settled');
    expect(plain('follow_up')).toBe('supervising');
    expect(plain('reopened')).toBe('supervising');
    for (const s of ['rejected', 'merged', 'cancelled'] as const) expect(plain(s)).toBeNull();
  });

  it('puts an open case that is overdue or supervised under supervision, but not a closed one', () => {
    expect(ledgerStage({ state: 'in_progress', supervised: true, overdue: false })).toBe('supervising');
    expect(ledgerStage({ state: 'accepted', supervised: false, overdue: true })).toBe('supervising');
    expect(ledgerStage({ state: 'closed', supervised: true, overdue: true })).toBe('settled');
    expect(ledgerStage({ state: 'rejected', supervised: true, overdue: false })).toBeNull();
  });

  it('describes each stage for queries exactly as ledgerStage decides it', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const flagged = f.supervised || f.overdue;
        for (const stage of LEDGER_STAGES) {
          const { always, unflagged, flagged: onlyFlagged } = stageStates(stage);
          const matches =
            always.includes(f.state) ||
            (!flagged && unflagged.includes(f.state)) ||
            (flagged && onlyFlagged.includes(f.state));
          expect(matches).toBe(ledgerStage(f) === stage);
        }
        expect(OFF_LEDGER_STATES.includes(f.state)).toBe(ledgerStage(f) === null);
      }),
    );
  });
});
