import type { Kysely } from 'kysely';
import { unitLevelOf } from '../../../shared/cases/levels.ts';
import type { Unit } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { createCaseWorkRepository } from './case-work.repository.ts';
import type { CasePatch } from './cases.repository.ts';

/** The case fields naming a handling unit, after checking the unit exists and can take cases. */
export async function unitPatch(
  trx: Kysely<DB>,
  districtCode: string,
  unit: Unit,
): Promise<{ patch: CasePatch; detail: { unit: { kind: string; id: string; name: string } } }> {
  const work = createCaseWorkRepository(trx);
  if ('departmentId' in unit) {
    const [dept] = await work.activeDepartments(districtCode, [unit.departmentId]);
    if (!dept) throw unknownUnit('body.unit.departmentId');
    return {
      patch: {
        unit_department_id: dept.id,
        unit_region_id: null,
        unit_region_path: null,
        unit_level: unitLevelOf({ departmentLevel: dept.level }),
      },
      detail: { unit: { kind: 'department', id: dept.id, name: dept.name } },
    };
  }
  const region = await work.unitRegion(districtCode, unit.regionId);
  if (!region) throw unknownUnit('body.unit.regionId');
  return {
    patch: {
      unit_department_id: null,
      unit_region_id: region.id,
      unit_region_path: region.path,
      unit_level: unitLevelOf({ regionPath: region.path }),
    },
    detail: { unit: { kind: 'region', id: region.id, name: region.name } },
  };
}

const unknownUnit = (path: string) =>
  new AppError('VALIDATION_FAILED', 'No such handling unit (an active department, or a community or grid).', {
    issues: [{ path, reason: 'reference', message: 'unknown unit' }],
  });
