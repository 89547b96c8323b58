import { describe, expect, it } from 'vitest';
import { categoryTree, isSelectable, ownerOf } from './category.ts';
import { DEFAULT_CATEGORIES, DEPARTMENT_KINDS } from './default-categories.ts';

const id = (n: number) => `0190f5a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const categories = [
  { id: id(1), parentId: null, departmentId: id(100), active: true },
  { id: id(2), parentId: id(1), departmentId: null, active: true },
  { id: id(3), parentId: id(1), departmentId: id(200), active: true },
  { id: id(4), parentId: null, departmentId: null, active: false },
  { id: id(5), parentId: id(4), departmentId: null, active: true },
];

describe('case categories', () => {
  it('finds the owner: the category’s own department, else its parent’s, else none', () => {
    expect(ownerOf(categories, id(1))).toBe(id(100));
    expect(ownerOf(categories, id(2))).toBe(id(100));
    expect(ownerOf(categories, id(3))).toBe(id(200));
    expect(ownerOf(categories, id(5))).toBeNull();
    expect(ownerOf(categories, id(99))).toBeNull();
  });

  it('offers a category for new cases only when it and its parent are active', () => {
    expect(isSelectable(categories, id(2))).toBe(true);
    expect(isSelectable(categories, id(4))).toBe(false);
    expect(isSelectable(categories, id(5))).toBe(false);
    expect(isSelectable(categories, id(99))).toBe(false);
  });

  it('builds the tree in list order', () => {
    const tree = categoryTree(categories);
    expect(tree.map((n) => n.category.id)).toEqual([id(1), id(4)]);
    expect(tree[0]?.children.map((n) => n.category.id)).toEqual([id(2), id(3)]);
    expect(tree[1]?.children.map((n) => n.category.id)).toEqual([id(5)]);
  });
});

describe('the default taxonomy', () => {
  const codes = DEFAULT_CATEGORIES.flatMap((top) => [top.code, ...top.children.map((c) => c.code)]);

  it('has 10 to 13 top categories of 3 to 6 subcategories each, with names in both languages', () => {
    expect(DEFAULT_CATEGORIES.length).toBeGreaterThanOrEqual(10);
    expect(DEFAULT_CATEGORIES.length).toBeLessThanOrEqual(13);
    for (const top of DEFAULT_CATEGORIES) {
      expect(top.children.length, top.code).toBeGreaterThanOrEqual(3);
      expect(top.children.length, top.code).toBeLessThanOrEqual(6);
      for (const c of [top, ...top.children]) {
        expect(c.name.trim(), c.code).not.toBe('');
        expect(c.nameEn.trim(), c.code).not.toBe('');
      }
    }
  });

  it('uses unique codes that fit a path segment, each subcategory prefixed by its parent', () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Za-z_-]{1,32}$/);
    for (const top of DEFAULT_CATEGORIES)
      for (const child of top.children) expect(child.code.startsWith(`${top.code}_`), child.code).toBe(true);
  });

  it('names owners among the known kinds of department, leaving only 其他 to the dispatcher', () => {
    for (const top of DEFAULT_CATEGORIES) {
      if (top.code === 'other') expect(top.owner).toBeNull();
      else expect(DEPARTMENT_KINDS).toContain(top.owner);
      for (const child of top.children) if (child.owner) expect(DEPARTMENT_KINDS).toContain(child.owner);
    }
  });
});
