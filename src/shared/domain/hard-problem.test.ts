import { describe, expect, it } from 'vitest';
import { milestoneMissedOn } from './hard-problem.ts';

describe('a hard-problem milestone missed (攻坚破难清单)', () => {
  const m = (doneOn: string | null) => ({ targetDate: '2026-03-20', doneOn });

  it('is missed the day after its target when not done by it, while the item was open', () => {
    expect(milestoneMissedOn(m(null), null)).toBe('2026-03-21');
    expect(milestoneMissedOn(m('2026-03-22'), null)).toBe('2026-03-21');
    // Finished after the target: the miss had happened already.
    expect(milestoneMissedOn(m(null), '2026-03-25')).toBe('2026-03-21');
  });

  it('is not missed when done by its target, or when the item was finished by then', () => {
    expect(milestoneMissedOn(m('2026-03-20'), null)).toBeNull();
    expect(milestoneMissedOn(m(null), '2026-03-10')).toBeNull();
    expect(milestoneMissedOn(m(null), '2026-03-20')).toBeNull();
  });
});
