import { describe, expect, it } from 'vitest';
import { sectionPath, spotCheckPath, visitPath, visitsView } from './visits-path.ts';

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
});
