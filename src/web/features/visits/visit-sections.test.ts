import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../shared/auth/roles.ts';
import { sectionsFor } from './visit-sections.ts';

describe('visits module pages per role', () => {
  it('gives the leader every page, the supervisor spot checks, the grid worker no plans or checks', () => {
    expect(sectionsFor([...permissionsOf(['leader'])])).toEqual([
      'diary',
      'opinions',
      'coverage',
      'plans',
      'mentoring',
      'spot-checks',
    ]);
    expect(sectionsFor([...permissionsOf(['supervisor'])])).toContain('spot-checks');
    expect(sectionsFor([...permissionsOf(['supervisor'])])).not.toContain('plans');
    expect(sectionsFor([...permissionsOf(['grid_worker'])])).toEqual([
      'diary',
      'opinions',
      'coverage',
      'mentoring',
    ]);
  });
});
