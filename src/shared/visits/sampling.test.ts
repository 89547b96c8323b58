import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSample, MAX_SEED, mulberry32, newSeed, sampleSize } from './sampling.ts';

const ids = fc.uniqueArray(fc.uuid(), { maxLength: 200 });
const percent = fc.integer({ min: 1, max: 100 });
const seed = fc.integer({ min: 0, max: MAX_SEED });

describe('spot-check sampling', () => {
  it('gives the same sample for the same visits, percentage and seed, in any order', () => {
    fc.assert(
      fc.property(ids, percent, seed, fc.integer(), (list, p, s, shuffleSeed) => {
        const random = mulberry32(shuffleSeed);
        const shuffled = [...list].sort(() => random() - 0.5);
        expect(drawSample(shuffled, p, s)).toEqual(drawSample(list, p, s));
      }),
    );
  });

  it('takes ceil(n × percent / 100) distinct visits out of the set', () => {
    fc.assert(
      fc.property(ids, percent, seed, (list, p, s) => {
        const sample = drawSample(list, p, s);
        expect(sample.length).toBe(Math.ceil((list.length * p) / 100));
        expect(new Set(sample).size).toBe(sample.length);
        for (const id of sample) expect(list).toContain(id);
      }),
    );
  });

  it('ignores duplicate ids in the input', () => {
    fc.assert(
      fc.property(ids, percent, seed, (list, p, s) => {
        expect(drawSample([...list, ...list], p, s)).toEqual(drawSample(list, p, s));
      }),
    );
  });

  it('usually draws a different sample with a different seed', () => {
    const list = Array.from({ length: 100 }, (_, i) => `v${String(i).padStart(3, '0')}`);
    let differ = 0;
    for (let s = 1; s <= 50; s++) {
      if (drawSample(list, 10, s).join() !== drawSample(list, 10, s + 1000).join()) differ++;
    }
    expect(differ).toBeGreaterThanOrEqual(49);
  });

  it('takes everything at 100 % and at least one visit of a non-empty set', () => {
    expect(drawSample(['b', 'a', 'c'], 100, 7)).toEqual(['a', 'b', 'c']);
    expect(drawSample(['a', 'b', 'c'], 1, 7)).toHaveLength(1);
    expect(drawSample([], 50, 7)).toEqual([]);
    expect(sampleSize(10, 15)).toBe(2);
  });

  it('refuses a percentage or seed out of range', () => {
    expect(() => drawSample(['a'], 0, 1)).toThrow(RangeError);
    expect(() => drawSample(['a'], 101, 1)).toThrow(RangeError);
    expect(() => drawSample(['a'], 10, -1)).toThrow(RangeError);
    expect(() => drawSample(['a'], 10, MAX_SEED + 1)).toThrow(RangeError);
  });

  it('makes new seeds within the stored range', () => {
    expect(newSeed(() => 0)).toBe(1);
    expect(newSeed(() => 0.999_999_999_999)).toBeLessThanOrEqual(MAX_SEED);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (r) => {
        const s = newSeed(() => r);
        expect(s >= 1 && s <= MAX_SEED && Number.isInteger(s)).toBe(true);
      }),
    );
  });
});
