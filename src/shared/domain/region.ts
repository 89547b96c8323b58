import { z } from 'zod';

export const REGION_LEVELS = ['district', 'street', 'community', 'grid', 'micro_grid'] as const;
export const regionLevelSchema = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof regionLevelSchema>;

/** A node of the hierarchy as the API shows it: no personal data, counts of what lies below. */
export const regionNodeSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: regionLevelSchema,
  code: z.string(),
  name: z.string(),
  kind: z.string().nullable(),
  path: z.string(),
  childCount: z.number().int(),
  householdCount: z.number().int(),
  enterpriseCount: z.number().int(),
});
export type RegionNode = z.infer<typeof regionNodeSchema>;

export const regionChildrenQuerySchema = z
  .object({
    parentId: z.uuid().optional(),
  })
  .strict();

export const regionListSchema = z.object({ items: z.array(regionNodeSchema) });
export type RegionList = z.infer<typeof regionListSchema>;
