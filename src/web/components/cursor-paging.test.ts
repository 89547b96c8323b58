import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currentCursor,
  firstPage,
  hasNextPage,
  hasPreviousPage,
  nextPage,
  pageCount,
  pageLoaded,
  previousPage,
  rowRange,
} from './cursor-paging.ts';

describe('cursor paging', () => {
  it('walks forward with the cursors the server hands out, and back with the remembered ones', () => {
    let paging = firstPage;
    expect(currentCursor(paging)).toBeUndefined();
    expect(hasNextPage(paging)).toBe(false); // not loaded yet
    paging = pageLoaded(paging, 'c1');
    expect(hasNextPage(paging)).toBe(true);
    expect(hasPreviousPage(paging)).toBe(false);

    paging = nextPage(paging);
    expect(currentCursor(paging)).toBe('c1');
    expect(hasNextPage(paging)).toBe(false); // until page 2 says
    paging = pageLoaded(paging, 'c2');
    paging = nextPage(paging);
    expect(currentCursor(paging)).toBe('c2');
    paging = pageLoaded(paging, null); // the last page
    expect(hasNextPage(paging)).toBe(false);
    expect(nextPage(paging)).toBe(paging);

    paging = previousPage(paging);
    expect(currentCursor(paging)).toBe('c1');
    paging = previousPage(paging);
    expect(currentCursor(paging)).toBeUndefined();
    expect(previousPage(paging)).toBe(paging);
  });

  it('forgets cursors past the current page when it is reloaded (the list may have changed)', () => {
    let paging = pageLoaded(firstPage, 'c1');
    paging = pageLoaded(nextPage(paging), 'c2');
    paging = previousPage(previousPage(nextPage(paging)));
    paging = pageLoaded(paging, 'c1b');
    expect(paging.cursors).toEqual([undefined, 'c1b']);
    expect(currentCursor(nextPage(paging))).toBe('c1b');
  });

  it('counts pages and the rows shown', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
    expect(rowRange(firstPage, 20, 0)).toEqual([0, 0]);
    expect(rowRange(firstPage, 20, 20)).toEqual([1, 20]);
    const third = { cursors: [undefined, 'a', 'b'], index: 2, known: true };
    expect(rowRange(third, 20, 5)).toEqual([41, 45]);
  });

  it('reaches every page of any list in order, and back to the first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 50 }), (total, size) => {
        // A fake server: the cursor is the offset as text.
        const serve = (after: string | undefined) => {
          const offset = after === undefined ? 0 : Number(after);
          const end = Math.min(total, offset + size);
          return { rows: end - offset, next: end < total ? String(end) : null };
        };
        let paging = firstPage;
        let seen = 0;
        let pages = 0;
        while (true) {
          const page = serve(currentCursor(paging));
          paging = pageLoaded(paging, page.next);
          seen += page.rows;
          pages += 1;
          expect(rowRange(paging, size, page.rows)[1]).toBe(seen);
          if (!hasNextPage(paging)) break;
          paging = nextPage(paging);
        }
        expect(seen).toBe(total);
        expect(pages).toBe(pageCount(total, size));
        while (hasPreviousPage(paging)) paging = previousPage(paging);
        expect(currentCursor(paging)).toBeUndefined();
      }),
    );
  });
});
