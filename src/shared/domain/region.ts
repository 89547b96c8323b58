import { z } from 'zod';
import { textSchema } from '../validation/text.ts';

export const REGION_LEVELS = ['district', 'street', 'community', 'grid', 'micro_grid'] as const;
export const regionLevelSchema = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof regionLevelSchema>;

/** The levels that hold households and enterprises. */
export const GRID_LEVELS: readonly RegionLevel[] = ['grid', 'micro_grid'];
export const isGridLevel = (level: string): boolean => (GRID_LEVELS as readonly string[]).includes(level);

/** The level a new child of a node takes; a micro-grid has none (households sit in grids). */
export const CHILD_LEVEL: Readonly<Record<RegionLevel, RegionLevel | null>> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: 'micro_grid',
  micro_grid: null,
};

/**
 * Where a node may be moved to, by its level. Only grids (to another community) and micro-grids (to
 * another grid) move: streets and communities carry official division codes that fix their parent.
 */
export const MOVE_TARGET_LEVEL: Readonly<Partial<Record<RegionLevel, RegionLevel>>> = {
  grid: 'community',
  micro_grid: 'grid',
};

/** The kinds a level's nodes may have; levels missing here take none. */
export const REGION_KINDS: Readonly<Partial<Record<RegionLevel, readonly string[]>>> = {
  street: ['街道', '镇', '乡'],
  community: ['社区', '村'],
};

/**
 * A region code: path segments are codes joined by '.', so a code may not contain one (nor LIKE
 * wildcards that would have to be escaped everywhere). Official codes are digits; grid codes are
 * local, e.g. `330109013002-G01`.
 */
export const regionCodeSchema = textSchema(32).regex(
  /^[0-9A-Za-z_-]+$/,
  'Letters, digits, "-" and "_" only.',
);

export const regionNameSchema = textSchema(100);

/** What the caller may do to a node; the UI offers exactly these. */
export const REGION_ACTIONS = ['create-child', 'rename', 'delete', 'move'] as const;
export const regionActionSchema = z.enum(REGION_ACTIONS);
export type RegionAction = z.infer<typeof regionActionSchema>;

/** What a node is, wherever the API shows one. */
const regionFields = {
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: regionLevelSchema,
  code: z.string(),
  name: z.string(),
  kind: z.string().nullable(),
  path: z.string(),
};

/** A node of the hierarchy as the API shows it: no personal data, counts of what lies below. */
export const regionNodeSchema = z.object({
  ...regionFields,
  childCount: z.number().int(),
  householdCount: z.number().int(),
  enterpriseCount: z.number().int(),
  actions: z.array(regionActionSchema),
});
export type RegionNode = z.infer<typeof regionNodeSchema>;

export const regionChildrenQuerySchema = z
  .object({
    parentId: z.uuid().optional(),
  })
  .strict();

export const regionListSchema = z.object({ items: z.array(regionNodeSchema) });
export type RegionList = z.infer<typeof regionListSchema>;

export const createRegionSchema = z
  .object({
    parentId: z.uuid(),
    code: regionCodeSchema,
    name: regionNameSchema,
    /** 社区 or 村 for a community, 街道/镇/乡 for a street; nothing for grids. */
    kind: textSchema(16).optional(),
  })
  .strict();
export type CreateRegion = z.infer<typeof createRegionSchema>;

/** Code and level are not editable: the code is in every path below the node. */
export const updateRegionSchema = z
  .object({
    name: regionNameSchema.optional(),
    kind: textSchema(16).optional(),
    sortOrder: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' });
export type UpdateRegion = z.infer<typeof updateRegionSchema>;

export const moveRegionSchema = z.object({ parentId: z.uuid() }).strict();

/** What a move rewrote: the node and its descendants, and the records below them. */
export const moveResultSchema = z.object({
  region: regionNodeSchema,
  moved: z.object({
    regions: z.number().int(),
    households: z.number().int(),
    enterprises: z.number().int(),
  }),
});
export type MoveResult = z.infer<typeof moveResultSchema>;

export const REGION_SEARCH_MAX = 50;

export const regionSearchQuerySchema = z
  .object({
    q: textSchema(50),
    /** Search below this node only (it must be in the caller's scope). */
    regionId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(REGION_SEARCH_MAX).default(20),
  })
  .strict();

/** One ancestor of a search hit, from the top of the district down. */
export const regionCrumbSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  level: regionLevelSchema,
});
export type RegionCrumb = z.infer<typeof regionCrumbSchema>;

export const regionSearchHitSchema = z.object({
  ...regionFields,
  /** The ancestors (not the hit itself), district first: where the hit is, and what to expand. */
  breadcrumb: z.array(regionCrumbSchema),
});
export type RegionSearchHit = z.infer<typeof regionSearchHitSchema>;

export const regionSearchResultSchema = z.object({ items: z.array(regionSearchHitSchema) });

/** The problems with a kind for a level (empty when fine); shared by the API and the form. */
export function kindProblem(level: RegionLevel, kind: string | null | undefined): string | null {
  const allowed = REGION_KINDS[level];
  if (!allowed) return kind ? `A ${level} has no kind.` : null;
  if (kind && !allowed.includes(kind)) return `A ${level} is one of ${allowed.join(', ')}.`;
  return null;
}

/**
 * What a caller may do to a node: nothing without write access to it; rename always; add a child
 * where a level below exists; delete a non-district node with nothing below it and nothing
 * pointing at it (staff, grants, departments, export requests); move grids and micro-grids.
 */
export function regionActions(
  node: Pick<RegionNode, 'level' | 'childCount' | 'householdCount' | 'enterpriseCount'>,
  writable: boolean,
  referenced: boolean,
): RegionAction[] {
  if (!writable) return [];
  const actions: RegionAction[] = [];
  if (CHILD_LEVEL[node.level]) actions.push('create-child');
  actions.push('rename');
  const empty = node.childCount === 0 && node.householdCount === 0 && node.enterpriseCount === 0;
  if (node.level !== 'district' && empty && !referenced) actions.push('delete');
  if (MOVE_TARGET_LEVEL[node.level]) actions.push('move');
  return actions;
}
