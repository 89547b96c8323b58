import { describe, expect, it } from 'vitest';
import { percentText, rankChangeText, rateText } from './league-format.ts';

describe('league table texts', () => {
  it('shows rank changes as arrows', () => {
    expect([rankChangeText(2), rankChangeText(-1), rankChangeText(0), rankChangeText(null)]).toEqual([
      '↑2',
      '↓1',
      '–',
      null,
    ]);
  });

  it('shows shares as per cents with one decimal, nothing for no rate', () => {
    expect(percentText(0.875)).toBe('87.5%');
    expect(rateText({ numerator: 2, denominator: 3, value: 2 / 3 })).toBe('66.7%');
    expect(rateText({ numerator: 0, denominator: 0, value: null })).toBeNull();
    expect(rateText(null)).toBeNull();
  });
});
