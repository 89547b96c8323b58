import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_RULES, type ScoreRules } from '../domain/score-rules.ts';
import type { ScorePoint } from './points.ts';
import { listOf, OTHER_PEER_GROUP, peerGroupOf, type ScoreSubject, scoreTable } from './scores.ts';

const point = (subject: string, cp: number, key: string): ScorePoint => ({
  subject,
  subjectKind: 'places',
  key,
  item: 'solved',
  cp,
  day: '2026-03-02',
  at: '2026-03-02T02:00:00.000Z',
  source: { kind: 'case_event', id: key, caseId: null, caseNumber: null },
  detail: {},
});
const place = (key: string, regionKind: string | null = '社区'): ScoreSubject => ({
  key,
  kind: 'places',
  name: key,
  regionKind,
});

describe('score tables', () => {
  it('ranks within peer groups (1, 1, 3), subjects without points at 0 and on no list, with red and black lists', () => {
    const rows = scoreTable(
      [place('a'), place('b'), place('c'), place('d'), place('v', '村'), place('x', null)],
      [
        point('a', 300, '1'),
        point('b', 300, '2'),
        point('c', 100, '3'),
        point('c', -50, '4'),
        point('v', 100, '5'),
        point('d', -100, '6'),
      ],
      {
        ...DEFAULT_SCORE_RULES,
        lists: { red: { top: 1, minScore: null }, black: { bottom: 1, maxScore: null } },
      },
    );
    expect(rows.map((r) => [r.key, r.peerGroup, r.scoreCp, r.rank, r.list])).toEqual([
      ['a', 'community', 300, 1, 'red'],
      ['b', 'community', 300, 1, 'red'],
      ['c', 'community', 50, 3, null],
      ['d', 'community', -100, 4, 'black'],
      ['v', 'village', 100, 1, 'red'],
      ['x', OTHER_PEER_GROUP, 0, 1, null],
    ]);
  });

  it('puts named members first, then the first group whose criteria all hold', () => {
    const groups: ScoreRules['peerGroups'] = [
      ...DEFAULT_SCORE_RULES.peerGroups,
      { key: 'model', name: '示范', subjects: 'places', match: { members: ['m'] } },
    ];
    expect(peerGroupOf(place('m'), groups)?.key).toBe('model');
    expect(peerGroupOf(place('n'), groups)?.key).toBe('community');
    expect(
      peerGroupOf({ key: 'd:1', kind: 'units', name: 'x', departmentLevel: 'street' }, groups)?.key,
    ).toBe('street-dept');
    expect(peerGroupOf({ key: 'r:1', kind: 'units', name: 'x', departmentLevel: null }, groups)).toBeNull();
  });

  it('applies list thresholds, never both lists', () => {
    const lists = { red: { top: 2, minScore: 1 }, black: { bottom: 2, maxScore: -1 } };
    expect(listOf(1, 3, 99, lists)).toBeNull();
    expect(listOf(1, 3, 100, lists)).toBe('red');
    expect(listOf(3, 3, -99, lists)).toBeNull();
    expect(listOf(3, 3, -100, lists)).toBe('black');
  });

  it('ranks independently of the order subjects come in and of other groups', () => {
    const subject = fc.record({
      key: fc.string({ minLength: 1, maxLength: 4 }),
      cp: fc.integer({ min: -5, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(subject, { selector: (s) => s.key, maxLength: 12 }),
        fc.boolean(),
        (subjects, village) => {
          const points = subjects.map((s) => point(s.key, s.cp * 100, s.key));
          const ranks = (list: typeof subjects) =>
            new Map(
              scoreTable(
                [...list.map((s) => place(s.key)), ...(village ? [place('_village', '村')] : [])],
                points,
                DEFAULT_SCORE_RULES,
              )
                .filter((r) => r.peerGroup === 'community')
                .map((r) => [r.key, [r.rank, r.list]]),
            );
          expect(ranks([...subjects].reverse())).toEqual(ranks(subjects));
          for (const s of subjects) {
            const better = subjects.filter((o) => o.cp > s.cp).length;
            expect(ranks(subjects).get(s.key)?.[0]).toBe(better + 1);
          }
        },
      ),
    );
  });
});
