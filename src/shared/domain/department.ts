import { z } from 'zod';

export const DEPARTMENT_LEVELS = ['district', 'street'] as const;
export const departmentLevelSchema = z.enum(DEPARTMENT_LEVELS);

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
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentListSchema = z.object({ items: z.array(departmentSchema) });
