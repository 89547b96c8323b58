import { describe, expect, it } from 'vitest';
import { periodKindOf, pointsText, searchOf, weightSum } from './score-format.ts';

describe('score formatting', () => {
  it('writes hundredths as the points the rules speak', () => {
    expect(pointsText(300)).toBe('3');
    expect(pointsText(-150)).toBe('-1.5');
    expect(pointsText(25, true)).toBe('+0.25');
    expect(pointsText(0, true)).toBe('0');
    expect(pointsText(-300, true)).toBe('-3');
  });

  it('checks the composite weights to two places', () => {
    expect(weightSum([0.1, 0.5, 0.4])).toEqual({ sum: '1.00', ok: true });
    expect(weightSum([0.1, 0.5, 0.3])).toEqual({ sum: '0.90', ok: false });
  });

  it('reads the period kind and builds queries without empty values', () => {
    expect(periodKindOf('quarter')).toBe('quarter');
    expect(periodKindOf('week')).toBe('month');
    expect(searchOf({ a: '1', b: undefined, c: '' })).toBe('a=1');
  });
});
