import type { Kysely } from 'kysely';
import { suggestUnits, type UnitSuggestion } from '../../../shared/cases/dispatch-suggestion.ts';
import type { DB } from '../../db/schema.ts';
import { createCaseSuggestionRepository, type SuggestionSubject } from './case-suggestions.repository.ts';

/** The handling units a dispatcher is offered first for a case (see dispatch-suggestion.ts). */
export async function suggestUnitsFor(db: Kysely<DB>, subject: SuggestionSubject): Promise<UnitSuggestion[]> {
  const repo = createCaseSuggestionRepository(db);
  const line = subject.category_id ? await repo.categoryLine(subject.district_code, subject.category_id) : [];
  const owners = line.map((c) => c.department_id).filter((d): d is string => d !== null);
  const departments = await repo.departments(subject.district_code, owners);
  const area = await repo.areaOf(subject.district_code, subject.region_path);
  return suggestUnits(
    { categoryId: subject.category_id, regionPath: subject.region_path, level: subject.level },
    line.map((c) => ({ id: c.id, parentId: c.parent_id, departmentId: c.department_id })),
    departments.map((d) => ({ id: d.id, name: d.name, active: d.active, regionPath: d.region_path })),
    area ? { id: area.id, name: area.name } : null,
  );
}
