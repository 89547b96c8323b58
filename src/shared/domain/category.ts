import { z } from 'zod';
import { textSchema } from '../validation/text.ts';

/**
 * Case categories (事项分类): a two-level tree (e.g. 城市管理 › 占道经营) whose nodes name the
 * department that owns their cases. Codes are stable keys (a case stores the category's id; imports
 * and integrations use codes); the path joins codes from the top like region paths, so "cases of a
 * top category" is one prefix match.
 */
export const MAX_CATEGORY_DEPTH = 2;

export const categoryCodeSchema = textSchema(32).regex(
  /^[0-9A-Za-z_-]+$/,
  'Letters, digits, "-" and "_" only.',
);

export const categoryNameSchema = textSchema(100);

export const CATEGORY_ACTIONS = ['edit', 'create-child'] as const;
export const categoryActionSchema = z.enum(CATEGORY_ACTIONS);
export type CategoryAction = z.infer<typeof categoryActionSchema>;

export const caseCategorySchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  path: z.string(),
  /** 1 for a top category, 2 for a subcategory. */
  depth: z.number().int().min(1).max(MAX_CATEGORY_DEPTH),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** The category's own owner; a subcategory without one inherits its parent's (see ownerOf). */
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  actions: z.array(categoryActionSchema),
});
export type CaseCategory = z.infer<typeof caseCategorySchema>;

/** The whole taxonomy, flat, ordered by path (parents right before their children). */
export const categoryListSchema = z.object({
  items: z.array(caseCategorySchema),
  actions: z.array(z.enum(['create'])),
});
export type CategoryList = z.infer<typeof categoryListSchema>;

export const createCategorySchema = z
  .object({
    /** A top category; absent for a new top category. */
    parentId: z.uuid().optional(),
    code: categoryCodeSchema,
    name: categoryNameSchema,
    nameEn: categoryNameSchema.optional(),
    departmentId: z.uuid().optional(),
  })
  .strict();
export type CreateCategory = z.infer<typeof createCategorySchema>;

/** Code and parent are fixed: cases and reports refer to them. */
export const updateCategorySchema = z
  .object({
    name: categoryNameSchema.optional(),
    /** null clears the English name. */
    nameEn: categoryNameSchema.nullable().optional(),
    /** null clears the owner (a subcategory then inherits its parent's). */
    departmentId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' });
export type UpdateCategory = z.infer<typeof updateCategorySchema>;

type CategoryLike = Pick<CaseCategory, 'id' | 'parentId' | 'departmentId' | 'active'>;

/**
 * The department that owns cases of a category: its own, else its parent's; null when neither
 * names one (the dispatcher then chooses). Used to suggest where a case goes.
 */
export function ownerOf(categories: readonly CategoryLike[], id: string): string | null {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const category = byId.get(id);
  if (!category) return null;
  if (category.departmentId) return category.departmentId;
  const parent = category.parentId ? byId.get(category.parentId) : undefined;
  return parent?.departmentId ?? null;
}

/** A category can be chosen for a new case when it and its parent are active. */
export function isSelectable(categories: readonly CategoryLike[], id: string): boolean {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const category = byId.get(id);
  if (!category?.active) return false;
  const parent = category.parentId ? byId.get(category.parentId) : undefined;
  return category.parentId === null || parent?.active === true;
}

export interface CategoryTreeNode<T extends Pick<CaseCategory, 'id' | 'parentId'>> {
  category: T;
  children: CategoryTreeNode<T>[];
}

/** The flat list as a tree, keeping the list's order; orphans (a parent not in the list) go on top. */
export function categoryTree<T extends Pick<CaseCategory, 'id' | 'parentId'>>(
  categories: readonly T[],
): CategoryTreeNode<T>[] {
  const nodes = new Map(
    categories.map((c) => [c.id, { category: c, children: [] as CategoryTreeNode<T>[] }]),
  );
  const roots: CategoryTreeNode<T>[] = [];
  for (const c of categories) {
    const node = nodes.get(c.id) as CategoryTreeNode<T>;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
