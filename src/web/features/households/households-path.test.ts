import { describe, expect, it } from 'vitest';
import {
  householdFiltersFrom,
  householdListPath,
  householdPath,
  householdsPath,
  householdsView,
  regionIdFrom,
} from './households-path.ts';

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

  it('round-trips the filters and page through the address, dropping malformed ones', () => {
    const filters = { regionId: ID, tag: '低保', q: '幸福里', page: 3 };
    const path = householdsPath(filters);
    expect(householdFiltersFrom(path.slice(path.indexOf('?')))).toEqual(filters);
    expect(householdsPath({ regionId: ID, page: 1 })).toBe(`/households?regionId=${ID}`);
    expect(householdsPath({})).toBe('/households');
    expect(householdFiltersFrom('?regionId=nope&page=0&tag=a b&q=x')).toEqual({ q: 'x' });
  });
});
