import { type CaseCategory, MAX_CATEGORY_DEPTH } from '../../../shared/domain/category.ts';
import type { CategoryRow } from './categories.repository.ts';

/** A row as the API shows it; a writer may edit any category and add below a top one. */
export function toCategory(row: CategoryRow, canWrite: boolean): CaseCategory {
  const depth = row.path.split('.').length;
  return {
    id: row.id,
    parentId: row.parent_id,
    code: row.code,
    path: row.path,
    depth,
    name: row.name,
    nameEn: row.name_en,
    departmentId: row.department_id,
    departmentName: row.department_name,
    active: row.active,
    sortOrder: row.sort_order,
    actions: canWrite ? (depth < MAX_CATEGORY_DEPTH ? ['edit', 'create-child'] : ['edit']) : [],
  };
}
