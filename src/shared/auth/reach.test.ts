import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ancestors, anyReaches, childToward, grantPath, intersect, outermost, reaches } from './reach.ts';

// Codes as the hierarchy has them (digits, with the odd letter and '_'), short so that siblings
// sharing a prefix ('11' and '110') come up often.
const code = fc.stringMatching(/^[0-9a-c_]{1,3}$/);
const path = fc.array(code, { minLength: 1, maxLength: 5 }).map((codes) => codes.join('.'));
const paths = fc.array(path, { maxLength: 6 });

/** Every node from the root down to `p`, written out independently of the module. */
const ancestorsOf = (p: string) => {
  const out: string[] = [];
  let at = '';
  for (const c of p.split('.')) {
    at = at === '' ? c : `${at}.${c}`;
    out.push(at);
  }
  return out;
};

describe('reaches', () => {
  it('reaches a node and everything below it', () => {
    fc.assert(
      fc.property(path, fc.array(code, { maxLength: 3 }), (p, below) => {
        expect(reaches(p, [p, ...below].join('.'))).toBe(true);
      }),
    );
  });

  it('is exactly "is one of the ancestors or the node itself"', () => {
    fc.assert(
      fc.property(path, path, (scope, p) => {
        expect(reaches(scope, p)).toBe(ancestorsOf(p).includes(scope));
      }),
    );
  });

  it('does not reach a sibling whose code merely starts the same', () => {
    fc.assert(
      fc.property(path, code, code, (parent, a, suffix) => {
        expect(reaches(`${parent}.${a}`, `${parent}.${a}${suffix}`)).toBe(false);
        expect(reaches(`${parent}.${a}${suffix}`, `${parent}.${a}`)).toBe(false);
      }),
    );
    expect(reaches('a.b', 'a.bc')).toBe(false);
  });

  it('a grid is reached by its community, street and district, not by a sibling community', () => {
    const grid = '330106.001.002.g7';
    for (const scope of ['330106', '330106.001', '330106.001.002', grid])
      expect(reaches(scope, grid)).toBe(true);
    expect(reaches('330106.001.003', grid)).toBe(false);
    expect(reaches('330106.00', grid)).toBe(false);
    expect(reaches(grid, '330106.001.002')).toBe(false);
  });

  it('is transitive along the hierarchy and antisymmetric', () => {
    fc.assert(
      fc.property(path, fc.array(code, { maxLength: 2 }), fc.array(code, { maxLength: 2 }), (a, x, y) => {
        const b = [a, ...x].join('.');
        const c = [b, ...y].join('.');
        expect(reaches(a, b) && reaches(b, c)).toBe(true);
        expect(reaches(a, c)).toBe(true);
        if (reaches(c, a)) expect(c).toBe(a);
      }),
    );
  });

  it('a whole-district grant reaches every path of the district and nothing of another', () => {
    fc.assert(
      fc.property(path, (below) => {
        const district = grantPath(null, '330106');
        expect(reaches(district, `330106.${below}`)).toBe(true);
        expect(reaches(district, `330107.${below}`)).toBe(false);
      }),
    );
    expect(grantPath('330106.001', '330106')).toBe('330106.001');
  });

  it('ancestors are exactly the nodes that reach a path, root first', () => {
    fc.assert(
      fc.property(path, path, (scope, p) => {
        expect(ancestors(p).includes(scope)).toBe(reaches(scope, p));
        expect(ancestors(p).at(-1)).toBe(p);
      }),
    );
    expect(ancestors('330106.001.002')).toEqual(['330106', '330106.001', '330106.001.002']);
  });

  it('a missing path is reached by nothing', () => {
    expect(reaches('330106', null)).toBe(false);
    expect(anyReaches(['330106'], undefined)).toBe(false);
  });
});

describe('scopes of several paths', () => {
  it('an empty scope reaches nothing; a scope reaches what one of its paths reaches', () => {
    fc.assert(
      fc.property(paths, path, (scope, p) => {
        expect(anyReaches(scope, p)).toBe(scope.some((s) => reaches(s, p)));
        expect(anyReaches([], p)).toBe(false);
      }),
    );
  });

  it('outermost keeps the same reach with no path under another', () => {
    fc.assert(
      fc.property(paths, path, (scope, p) => {
        const kept = outermost(scope);
        expect(anyReaches(kept, p)).toBe(anyReaches(scope, p));
        for (const a of kept) for (const b of kept) if (a !== b) expect(reaches(a, b)).toBe(false);
        expect(new Set(kept).size).toBe(kept.length);
      }),
    );
  });

  it('intersect reaches exactly what both scopes reach', () => {
    fc.assert(
      fc.property(paths, paths, path, (a, b, p) => {
        const both = intersect(a, b);
        expect(anyReaches(both, p)).toBe(anyReaches(a, p) && anyReaches(b, p));
        expect(new Set(intersect(b, a))).toEqual(new Set(both));
      }),
    );
  });
});

describe('childToward', () => {
  it('names the node right below the parent on the way down, and nothing off the way', () => {
    expect(childToward('330109', '330109.001.002.003')).toBe('330109.001');
    expect(childToward('330109.001', '330109.001.002')).toBe('330109.001.002');
    expect(childToward('330109.001', '330109.001')).toBeNull();
    expect(childToward('330109.00', '330109.001.002')).toBeNull();
    expect(childToward('330109.002', '330109.001.002')).toBeNull();
  });

  it('is reached by the parent and reaches the path, for any path below the parent', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9a-z]{1,4}$/), { minLength: 2, maxLength: 6 }), (codes) => {
        const path = codes.join('.');
        for (let i = 1; i < codes.length; i++) {
          const parent = codes.slice(0, i).join('.');
          const child = childToward(parent, path);
          expect(child).not.toBeNull();
          expect(reaches(parent, child)).toBe(true);
          expect(reaches(child as string, path)).toBe(true);
          expect(child?.split('.').length).toBe(i + 1);
        }
      }),
    );
  });
});
