import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { supervisionZh } from '../i18n/features/supervision.ts';
import {
  type DraftPoint,
  draftSupervision,
  FINDING_TEXT_MAX,
  QUOTED_CASES,
  SUPERVISION_ITEMS,
} from './supervision.ts';

const words = { ...supervisionZh.supervision.draft, items: supervisionZh.supervision.items };
const KEYS = ['c1', 'c2', 'd:x', 'r:y'] as const;
const subjects = KEYS.map((key, i) => ({
  key,
  kind: i < 2 ? ('places' as const) : ('units' as const),
  name: `单位${i}`,
  regionPath: `110105.${i}`,
}));

const point = fc.record({
  subject: fc.constantFrom(...KEYS, 'u:cadre'),
  item: fc.constantFrom(...SUPERVISION_ITEMS, 'solved', 'on_time', 'composite'),
  cp: fc.integer({ min: -500, max: 500 }),
  caseNumber: fc.option(fc.constantFrom('A1', 'A2', 'A3'), { nil: null }),
  detail: fc.constant({}),
}) as fc.Arbitrary<DraftPoint>;

describe('drafting a supervision report', () => {
  it('counts every supervision point once, and drafts a finding exactly for the units with one', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), (points) => {
        const draft = draftSupervision(subjects, points, words, '2030-01-01');
        for (const s of draft.subjects)
          for (const item of SUPERVISION_ITEMS) {
            const mine = points.filter((p) => p.subject === s.key && p.item === item);
            const figure = s.figures[item];
            if (mine.length === 0) expect(figure).toBeUndefined();
            else {
              expect(figure?.count).toBe(mine.length);
              expect(figure?.cp).toBe(mine.reduce((sum, p) => sum + p.cp, 0));
              expect(figure?.cases.length).toBeLessThanOrEqual(QUOTED_CASES);
            }
          }
        const named = new Set(
          points
            .filter((p) => p.subject !== 'u:cadre' && SUPERVISION_ITEMS.includes(p.item as never))
            .map((p) => p.subject),
        );
        expect(new Set(draft.findings.map((f) => f.subjectKey))).toEqual(named);
        expect(draft.findings.every((f) => f.dueOn === '2030-01-01' && f.text.includes('2030-01-01'))).toBe(
          true,
        );
        expect(draft.findings.every((f) => f.text.length <= FINDING_TEXT_MAX)).toBe(true);
      }),
    );
  });
});
