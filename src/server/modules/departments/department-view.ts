import type { Department } from '../../../shared/domain/department.ts';
import { pathInScope, type Scope } from '../auth/scope.ts';
import type { DepartmentRow } from './departments.repository.ts';

/** A row as the API shows it, with 'edit' where the caller's org:write scope covers its region. */
export function toDepartment(row: DepartmentRow, writeScope: Scope): Department {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    regionId: row.region_id,
    regionName: row.region_name,
    active: row.active,
    sortOrder: row.sort_order,
    categoryCount: Number(row.category_count ?? 0),
    actions: pathInScope(row.region_path, writeScope) ? ['edit'] : [],
  };
}
