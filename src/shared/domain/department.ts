import { z } from 'zod';
import { textSchema } from '../validation/text.ts';

export const DEPARTMENT_LEVELS = ['district', 'street'] as const;
export const departmentLevelSchema = z.enum(DEPARTMENT_LEVELS);
export type DepartmentLevel = z.infer<typeof departmentLevelSchema>;

/** What the caller may do: edit a department (name, order, active); create one in the list. */
export const DEPARTMENT_ACTIONS = ['edit'] as const;
export const departmentActionSchema = z.enum(DEPARTMENT_ACTIONS);
export const departmentListActionSchema = z.enum(['create']);

/** A department (职能部门) at district or street level; it owns categories of cases. */
export const departmentSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  level: departmentLevelSchema,
  /** The district or street node it belongs to. */
  regionId: z.uuid(),
  regionName: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  /** How many case categories it owns. */
  categoryCount: z.number().int(),
  actions: z.array(departmentActionSchema),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentListSchema = z.object({
  items: z.array(departmentSchema),
  actions: z.array(departmentListActionSchema),
});
export type DepartmentList = z.infer<typeof departmentListSchema>;

/** Like region codes: letters, digits, '-' and '_' (stable keys for imports and integrations). */
export const departmentCodeSchema = textSchema(32).regex(
  /^[0-9A-Za-z_-]+$/,
  'Letters, digits, "-" and "_" only.',
);

export const departmentNameSchema = textSchema(100);

/** A district-level department hangs on the district node, a street-level one on a street. */
export const createDepartmentSchema = z
  .object({
    code: departmentCodeSchema,
    name: departmentNameSchema,
    level: departmentLevelSchema,
    regionId: z.uuid(),
  })
  .strict();
export type CreateDepartment = z.infer<typeof createDepartmentSchema>;

/** Departments are never deleted (cases and grants name them): they are deactivated. */
export const updateDepartmentSchema = z
  .object({
    name: departmentNameSchema.optional(),
    active: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' });
export type UpdateDepartment = z.infer<typeof updateDepartmentSchema>;
