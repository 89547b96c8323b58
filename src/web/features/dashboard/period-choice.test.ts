import { describe, expect, it } from 'vitest';
import { periodChoiceFromSearch, periodChoiceQuery } from './period-choice.ts';

describe('the dashboard period in the address', () => {
  it('reads a calendar kind or a custom range, and writes it back the same', () => {
    expect(periodChoiceFromSearch('')).toEqual({ period: 'month' });
    expect(periodChoiceFromSearch('?period=quarter&from=2026-01-01')).toEqual({ period: 'quarter' });
    const custom = periodChoiceFromSearch('?period=custom&from=2026-11-19&to=2026-12-18');
    expect(custom).toEqual({ period: 'custom', from: '2026-11-19', to: '2026-12-18' });
    expect(periodChoiceQuery(custom)).toBe('period=custom&from=2026-11-19&to=2026-12-18');
    expect(periodChoiceQuery({ period: 'week', from: '2026-11-19' })).toBe('period=week');
  });

  it('falls back to the month for a range the API would refuse', () => {
    expect(periodChoiceFromSearch('?period=custom&from=2026-12-18&to=2026-11-19')).toEqual({
      period: 'month',
    });
    expect(periodChoiceFromSearch('?period=custom&from=2025-01-01&to=2026-01-02')).toEqual({
      period: 'month',
    });
    expect(periodChoiceFromSearch('?period=custom&from=2026-11-19')).toEqual({ period: 'month' });
    expect(periodChoiceFromSearch('?period=fortnight')).toEqual({ period: 'month' });
  });
});
