import { AppError } from '../../../shared/errors/app-error.ts';
import type { CategoryRepository } from './categories.repository.ts';

/** Refuses an owner that is not an active department of the district (422 on body.departmentId). */
export async function checkOwner(
  categories: CategoryRepository,
  districtCode: string,
  departmentId: string,
): Promise<void> {
  const department = await categories.department(districtCode, departmentId);
  if (!department?.active) {
    const message = department ? 'That department is inactive.' : 'No such department.';
    throw new AppError('VALIDATION_FAILED', message, {
      issues: [{ path: 'body.departmentId', reason: 'department', message }],
    });
  }
}
