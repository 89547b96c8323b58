import { describe, expect, it } from 'vitest';
import { formatInstant, percentOf } from './format.ts';

describe('visits formatting', () => {
  it('shows instants and days in China Standard Time', () => {
    expect(formatInstant('2026-03-31T16:30:00Z', 'en')).toContain('01/04/2026');
    expect(formatInstant('not a time', 'zh-CN')).toBe('not a time');
  });

  it('rounds rates to whole percentages', () => {
    expect(percentOf(null)).toBeNull();
    expect(percentOf(2 / 3)).toBe('67%');
  });
});
