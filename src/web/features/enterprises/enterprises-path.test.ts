import { describe, expect, it } from 'vitest';
import { enterpriseListPath, enterprisePath, enterprisesView, listFiltersFrom } from './enterprises-path.ts';

const ID = '0190f5c2-7a41-7000-8000-00000000abcd';

describe('enterprise addresses', () => {
  it('tells the list from a detail and from addresses that do not exist', () => {
    expect(enterprisesView('/enterprises')).toEqual({ kind: 'list' });
    expect(enterprisesView('/enterprises/')).toEqual({ kind: 'list' });
    expect(enterprisesView(`/enterprises/${ID.toUpperCase()}`)).toEqual({ kind: 'detail', id: ID });
    expect(enterprisesView('/enterprises/not-an-id')).toEqual({ kind: 'unknown' });
    expect(enterprisesView(`/enterprises/${ID}/edit`)).toEqual({ kind: 'unknown' });
    expect(enterprisesView('/households')).toEqual({ kind: 'unknown' });
    expect(enterprisePath(ID)).toBe(`/enterprises/${ID}`);
  });

  it('round-trips the list filters through the address', () => {
    const filters = { regionId: ID, tag: '专精特新', mine: true };
    const path = enterpriseListPath(filters);
    expect(path.startsWith('/enterprises?')).toBe(true);
    expect(listFiltersFrom(path.slice(path.indexOf('?')))).toEqual(filters);
    expect(enterpriseListPath()).toBe('/enterprises');
    expect(enterpriseListPath({ regionId: ID })).toBe(`/enterprises?regionId=${ID}`);
  });

  it('ignores malformed filters', () => {
    expect(listFiltersFrom('?regionId=zzz&liaison=someone&tag=')).toEqual({
      regionId: undefined,
      tag: undefined,
      mine: false,
    });
    expect(listFiltersFrom(`?tag=${'x'.repeat(21)}`).tag).toBeUndefined();
  });
});
