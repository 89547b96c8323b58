import { describe, expect, it } from 'vitest';
import { householdListPath, householdPath, householdsView, regionIdFrom } from './households-path.ts';

const ID = '0190f5a0-0000-7000-8000-000000000001';

describe('household addresses', () => {
  it('tells the list from one household and from nonsense', () => {
    expect(householdsView('/households')).toEqual({ kind: 'list' });
    expect(householdsView('/households/')).toEqual({ kind: 'list' });
    expect(householdsView(householdPath(ID))).toEqual({ kind: 'detail', id: ID });
    expect(householdsView(`/households/${ID.toUpperCase()}`)).toEqual({ kind: 'detail', id: ID });
    expect(householdsView('/households/123')).toEqual({ kind: 'unknown' });
    expect(householdsView(`/households/${ID}/members`)).toEqual({ kind: 'unknown' });
    expect(householdsView('/regions')).toEqual({ kind: 'unknown' });
  });

  it('puts the region in the list address and reads it back', () => {
    expect(householdListPath()).toBe('/households');
    expect(householdListPath(ID)).toBe(`/households?regionId=${ID}`);
    expect(regionIdFrom(`?regionId=${ID}`)).toBe(ID);
    expect(regionIdFrom('?regionId=nope')).toBeUndefined();
    expect(regionIdFrom('')).toBeUndefined();
  });
});
