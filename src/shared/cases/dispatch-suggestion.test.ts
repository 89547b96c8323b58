import { describe, expect, it } from 'vitest';
import { type SuggestionDepartment, suggestUnits } from './dispatch-suggestion.ts';

const STREET = '330109.001';
const OTHER_STREET = '330109.002';
const GRID = `${STREET}.003.01`;
const departments: SuggestionDepartment[] = [
  { id: 'd-city', name: '综合行政执法局', active: true, regionPath: '330109' },
  { id: 'd-street', name: '城市管理办公室', active: true, regionPath: STREET },
  { id: 'd-other', name: '别街城管办', active: true, regionPath: OTHER_STREET },
  { id: 'd-off', name: '已撤销科室', active: false, regionPath: STREET },
];
const categories = [
  { id: 'top', parentId: null, departmentId: 'd-city' },
  { id: 'own', parentId: 'top', departmentId: 'd-street' },
  { id: 'inherits', parentId: 'top', departmentId: null },
  { id: 'elsewhere', parentId: null, departmentId: 'd-other' },
  { id: 'inactive', parentId: null, departmentId: 'd-off' },
];
const area = { id: 'community', name: '湘湖社区' };
const at = (categoryId: string | null, level = 1) => ({ categoryId, regionPath: GRID, level });
const summary = (s: ReturnType<typeof suggestUnits>) => s.map((x) => `${x.unit.id}:${x.because}`);

describe('dispatch suggestions', () => {
  it("puts the category's own department first, then its parent's, then the case's community", () => {
    expect(summary(suggestUnits(at('own'), categories, departments, area))).toEqual([
      'd-street:category_department',
      'd-city:parent_category_department',
      'community:case_area',
    ]);
  });

  it("lets a subcategory without an owner inherit its parent's department", () => {
    expect(summary(suggestUnits(at('inherits'), categories, departments, area))).toEqual([
      'd-city:parent_category_department',
      'community:case_area',
    ]);
  });

  it('leaves out departments of another street and inactive ones', () => {
    expect(summary(suggestUnits(at('elsewhere'), categories, departments, area))).toEqual([
      'community:case_area',
    ]);
    expect(summary(suggestUnits(at('inactive'), categories, departments, area))).toEqual([
      'community:case_area',
    ]);
  });

  it('offers only the area without a category, and the area first while the community holds the case', () => {
    expect(summary(suggestUnits(at(null), categories, departments, area))).toEqual(['community:case_area']);
    expect(summary(suggestUnits(at('top', 0), categories, departments, area))).toEqual([
      'community:case_area',
      'd-city:category_department',
    ]);
    expect(suggestUnits(at('top'), categories, departments, null)).toEqual([
      { unit: { kind: 'department', id: 'd-city', name: '综合行政执法局' }, because: 'category_department' },
    ]);
  });
});
