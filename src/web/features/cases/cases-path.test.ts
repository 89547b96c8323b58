import { describe, expect, it } from 'vitest';
import { cleanFilters } from '../../app/url-filters.ts';
import { clockStatus } from './case-clock.ts';
import { type CaseFilters, caseListParams } from './cases-api.ts';
import { caseListPath, casesPage, filtersFrom, pageFrom, viewFrom, viewsFor } from './cases-path.ts';

const ID = '0190f0e0-0000-7000-8000-000000000001';

describe('case addresses', () => {
  it('tells the list, the intake form and one case apart', () => {
    expect(casesPage('/cases')).toEqual({ kind: 'list' });
    expect(casesPage('/cases/new')).toEqual({ kind: 'new' });
    expect(casesPage(`/cases/${ID.toUpperCase()}`)).toEqual({ kind: 'detail', id: ID });
    expect(casesPage('/cases/nope')).toEqual({ kind: 'unknown' });
    expect(casesPage(`/cases/${ID}/x`)).toEqual({ kind: 'unknown' });
  });

  it('reads only known views from the query', () => {
    expect(viewFrom('?view=inbox')).toBe('inbox');
    expect(viewFrom('?view=other')).toBeUndefined();
  });

  it('offers views by permission', () => {
    expect(viewsFor(['cases:read', 'cases:create', 'cases:handle', 'cases:dispatch'])).toEqual([
      'queue',
      'inbox',
      'mine',
      'supervision',
    ]);
    expect(viewsFor(['cases:read', 'cases:handle'])).toEqual(['inbox']);
    expect(viewsFor(['cases:read', 'cases:supervise'])).toEqual(['supervision']);
    expect(viewsFor(['cases:read'])).toEqual(['queue']);
    expect(viewsFor([])).toEqual([]);
  });
});

describe('queue parameters', () => {
  it('repeat states, drop blanks and add paging', () => {
    const params = caseListParams(
      cleanFilters({ state: ['submitted', 'accepted'], q: '', view: 'queue', overdue: 'true' }),
      { limit: 20, after: 'abc' },
    );
    expect(params.getAll('state')).toEqual(['submitted', 'accepted']);
    expect(params.has('q')).toBe(false);
    expect(params.get('overdue')).toBe('true');
    expect(params.get('after')).toBe('abc');
  });
});

describe('filters in the address', () => {
  it('keeps the page number beside the filters, never among them', () => {
    const path = caseListPath('queue', { householdId: ID }, 3);
    const search = path.slice(path.indexOf('?'));
    expect(pageFrom(search)).toBe(3);
    expect(filtersFrom(search)).toEqual({ householdId: ID });
    expect(caseListPath('queue', { householdId: ID }, 1)).not.toContain('page=');
    expect(pageFrom('?page=0')).toBe(1);
    expect(pageFrom('?page=x')).toBe(1);
    expect(caseListParams({ view: 'queue' }, { limit: 20, page: 2 }).get('page')).toBe('2');
  });

  it('round-trips every filter through the list path', () => {
    const filters = cleanFilters<CaseFilters>({
      state: ['submitted', 'replied'],
      kind: 'complaint',
      listType: 'hard_problem',
      level: 'district',
      onSpot: 'false',
      channel: 'hotline_12345',
      overdue: 'true',
      urgency: 'urgent',
      regionId: ID,
      q: '电梯',
      createdFrom: '2026-11-01',
      createdTo: '2026-11-30',
    });
    const path = caseListPath('queue', filters);
    const search = path.slice(path.indexOf('?'));
    expect(viewFrom(search)).toBe('queue');
    expect(filtersFrom(search)).toEqual(filters);
  });

  it('gives each list type an address of its own and keeps a bare view as it was', () => {
    expect(caseListPath('queue')).toBe('/cases?view=queue');
    expect(caseListPath('inbox', { listType: 'need', q: '' })).toBe('/cases?view=inbox&listType=need');
    // The view is the page's: a filter set carrying another view does not move the page.
    expect(caseListPath('queue', { view: 'inbox', onSpot: 'true' })).toBe('/cases?view=queue&onSpot=true');
  });

  it('drops unknown or bad parameters one by one and keeps the good ones', () => {
    expect(
      filtersFrom('?view=queue&listType=problem&level=province&kind=nope&onSpot=yes&x=1&level=street'),
    ).toEqual({ listType: 'problem' });
    expect(filtersFrom('?level=street&onSpot=true&state=accepted')).toEqual({
      level: 'street',
      onSpot: 'true',
      state: ['accepted'],
    });
    expect(filtersFrom('')).toEqual({});
  });
});

describe('clock badges', () => {
  const now = Date.parse('2026-11-23T08:00:00Z');
  it('flags overdue, due soon and on time', () => {
    expect(clockStatus({ overdue: true, nextDueAt: null }, now)).toBe('overdue');
    expect(clockStatus({ overdue: false, nextDueAt: '2026-11-23T07:59:00Z' }, now)).toBe('overdue');
    expect(clockStatus({ overdue: false, nextDueAt: '2026-11-23T10:00:00Z' }, now)).toBe('due_soon');
    expect(clockStatus({ overdue: false, nextDueAt: '2026-11-25T10:00:00Z' }, now)).toBe('on_time');
    expect(clockStatus({ overdue: false, nextDueAt: null }, now)).toBe('none');
  });
});
