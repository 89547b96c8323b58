/**
 * Where a case should go (派单建议): the department that owns its category (a subcategory without
 * an owner inherits its parent's), when that department serves the place of the case — a district
 * department anywhere in the district, a street department only in its own street — and the
 * community of the case as a unit of the hierarchy. A dispatcher may choose otherwise; this only
 * orders the obvious choices first.
 */

import { reaches } from '../auth/reach.ts';

export type SuggestionReason = 'category_department' | 'parent_category_department' | 'case_area';

export interface SuggestionCategory {
  id: string;
  parentId: string | null;
  departmentId: string | null;
}

export interface SuggestionDepartment {
  id: string;
  name: string;
  active: boolean;
  /** The path of the district or street node the department belongs to. */
  regionPath: string;
}

export interface SuggestionCase {
  categoryId: string | null;
  /** The path of the place of the case. */
  regionPath: string;
  /** 0 community, 1 street, 2 district. */
  level: number;
}

export interface UnitSuggestion {
  unit: { kind: 'department' | 'region'; id: string; name: string };
  because: SuggestionReason;
}

export function suggestUnits(
  c: SuggestionCase,
  categories: readonly SuggestionCategory[],
  departments: readonly SuggestionDepartment[],
  /** The community (or the grid when there is no community) the case lies in, if any. */
  area: { id: string; name: string } | null,
): UnitSuggestion[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const out: UnitSuggestion[] = [];
  const addDepartment = (id: string | null, because: SuggestionReason) => {
    const d = id ? byId.get(id) : undefined;
    if (!d?.active || !reaches(d.regionPath, c.regionPath)) return;
    if (out.some((s) => s.unit.kind === 'department' && s.unit.id === d.id)) return;
    out.push({ unit: { kind: 'department', id: d.id, name: d.name }, because });
  };
  const category = c.categoryId ? categories.find((x) => x.id === c.categoryId) : undefined;
  if (category) {
    addDepartment(category.departmentId, 'category_department');
    const parent = category.parentId ? categories.find((x) => x.id === category.parentId) : undefined;
    addDepartment(parent?.departmentId ?? null, 'parent_category_department');
  }
  if (area) {
    const own = {
      unit: { kind: 'region' as const, id: area.id, name: area.name },
      because: 'case_area' as const,
    };
    // A case still with the community is the community's to handle first.
    if (c.level === 0) out.unshift(own);
    else out.push(own);
  }
  return out;
}
