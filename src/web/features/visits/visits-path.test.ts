import { describe, expect, it } from 'vitest';
import {
  diaryFiltersFrom,
  diaryPath,
  sectionPath,
  spotCheckPath,
  visitPath,
  visitsView,
} from './visits-path.ts';

const id = '0190a000-0000-7000-8000-000000000001';

describe('visits paths', () => {
  it('reads each page from its path and back', () => {
    expect(visitsView('/visits')).toEqual({ kind: 'section', section: 'diary' });
    expect(visitsView('/visits/')).toEqual({ kind: 'section', section: 'diary' });
    expect(visitsView(visitPath(id))).toEqual({ kind: 'visit', id });
    expect(visitsView(spotCheckPath(id))).toEqual({ kind: 'spot-check', id });
    for (const s of ['coverage', 'plans', 'mentoring', 'spot-checks'] as const)
      expect(visitsView(sectionPath(s))).toEqual({ kind: 'section', section: s });
  });

  it('answers unknown for anything else', () => {
    expect(visitsView('/visits/diary')).toEqual({ kind: 'unknown' });
    expect(visitsView('/visits/nope')).toEqual({ kind: 'unknown' });
    expect(visitsView('/visits/spot-checks/not-an-id')).toEqual({ kind: 'unknown' });
    expect(visitsView(`/visits/${id}/more`)).toEqual({ kind: 'unknown' });
  });

  it("keeps one household's diary and its page in the address, page 1 left out", () => {
    const path = diaryPath({ householdId: id, page: 2 });
    expect(diaryFiltersFrom(path.slice(path.indexOf('?')))).toEqual({ householdId: id, page: 2 });
    expect(diaryPath({ enterpriseId: id, page: 1 })).toBe(`/visits?enterpriseId=${id}`);
    expect(diaryFiltersFrom('?householdId=nope&page=0')).toEqual({});
  });
});
