import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../../../shared/cases/workflow.ts';
import { filtersFrom } from '../cases/cases-path.ts';
import { diaryFiltersFrom } from '../visits/visits-path.ts';
import { breakdownCasesPath, figureListPath } from './figure-links.ts';

const REGION = '0190f0e0-0000-7000-8000-000000000001';
const CATEGORY = '0190f0e0-0000-7000-8000-000000000002';
const at = { regionId: REGION, from: '2026-11-19', to: '2026-12-18' };
const search = (path: string | null) => (path ?? '').slice((path ?? '').indexOf('?'));

describe('figure links', () => {
  it('sends a case figure to the cases created in the period there, with its own condition', () => {
    const received = figureListPath('received', at);
    expect(received?.startsWith('/cases?')).toBe(true);
    expect(filtersFrom(search(received))).toEqual({
      // Every state: the queue shows only open cases unless asked, and the figure counts them all.
      state: [...CASE_STATES],
      regionId: REGION,
      createdFrom: '2026-11-19',
      createdTo: '2026-12-18',
    });
    expect(filtersFrom(search(figureListPath('onSpot', at)))).toMatchObject({ onSpot: 'true' });
    expect(filtersFrom(search(figureListPath('closureRate', at)))).toMatchObject({ state: ['closed'] });
  });

  it('sends a visit figure to the diary of the visits started in the period', () => {
    const night = figureListPath('nightVisits', at);
    expect(night?.startsWith('/visits?')).toBe(true);
    expect(diaryFiltersFrom(search(night))).toEqual({
      regionId: REGION,
      from: '2026-11-19',
      to: '2026-12-18',
      night: 'true',
    });
  });

  it('links nothing where no list counts exactly what the figure does', () => {
    expect(figureListPath('responseRate', at)).toBeNull();
    expect(figureListPath('passedToStreet', at)).toBeNull();
  });

  it("sends a breakdown row to its place's, category's or day's cases", () => {
    expect(
      filtersFrom(search(breakdownCasesPath({ regionId: null, categoryId: CATEGORY, day: null }, at))),
    ).toEqual({
      state: [...CASE_STATES],
      regionId: REGION,
      categoryId: CATEGORY,
      createdFrom: at.from,
      createdTo: at.to,
    });
    expect(
      filtersFrom(search(breakdownCasesPath({ regionId: REGION, categoryId: null, day: '2026-12-01' }, at))),
    ).toEqual({
      state: [...CASE_STATES],
      regionId: REGION,
      createdFrom: '2026-12-01',
      createdTo: '2026-12-01',
    });
  });
});
