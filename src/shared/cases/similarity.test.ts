import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseSimilarity, distanceMetres, normaliseText, similarity } from './similarity.ts';

const HAN = [...'小区门口垃圾堆放无人清运道路积水噪音扰民违章搭建停车难路灯不亮楼道杂物'];
const LATIN = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const text = (alphabet: string[], minLength = 0) =>
  fc
    .array(fc.constantFrom(...alphabet, ' ', '，', '。', '！'), { minLength, maxLength: 40 })
    .map((c) => c.join(''));
const anyText = fc.oneof(text(HAN), text(LATIN), fc.string({ maxLength: 40 }));

describe('character n-gram similarity', () => {
  it('is symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const s = similarity(a, b);
        expect(s).toBe(similarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is 1 for the same text (and for the same text in other punctuation, width or case)', () => {
    fc.assert(
      fc.property(text([...HAN, ...LATIN], 1), (a) => {
        fc.pre(normaliseText(a).length > 0);
        expect(similarity(a, a)).toBe(1);
        const wide = a.replace(/[a-z0-9]/g, (c) =>
          String.fromCharCode(c.charCodeAt(0) + 0xfee0).toUpperCase(),
        );
        expect(similarity(a, `【${wide}】 `)).toBe(1);
      }),
    );
  });

  it('is 0 for texts with no character in common', () => {
    fc.assert(
      fc.property(text(HAN), text(LATIN), (a, b) => {
        expect(similarity(a, b)).toBe(0);
      }),
    );
  });

  it('is 0 when there is nothing to compare', () => {
    expect(similarity('', '')).toBe(0);
    expect(similarity('，。！', '  ')).toBe(0);
  });

  it('ranks a re-worded report of the same problem above an unrelated one', () => {
    const report = { title: '小区门口垃圾堆放', description: '东门口垃圾堆放三天无人清运，气味很大。' };
    const again = { title: '门口垃圾无人清运', description: '小区东门口的垃圾堆了三天，没人清运。' };
    const other = { title: '路灯不亮', description: '三号楼前路灯晚上不亮，行人不便。' };
    expect(caseSimilarity(report, again)).toBeGreaterThan(0.35);
    expect(caseSimilarity(report, other)).toBeLessThan(0.2);
    expect(caseSimilarity(report, report)).toBe(1);
  });

  it('compares very short texts by their characters too', () => {
    expect(similarity('噪音', '噪声')).toBeGreaterThan(0);
    expect(similarity('噪音', '积水')).toBe(0);
  });

  it('measures distances in metres', () => {
    const a = { latitude: 30.2, longitude: 120.3 };
    expect(distanceMetres(a, a)).toBe(0);
    // 0.001° of latitude is about 111 m everywhere.
    expect(distanceMetres(a, { latitude: 30.201, longitude: 120.3 })).toBeCloseTo(111.2, 0);
  });
});
