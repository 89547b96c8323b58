import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_RULES, type ScoreRules, scoreRulesSchema } from '../domain/score-rules.ts';
import { addDays, cstDay } from '../time/china-time.ts';
import { assessmentPeriodOfDay } from './assessment-periods.ts';
import { CASE_COUNTER_KEYS } from './case-figures.ts';
import { emptyCounters } from './counters.ts';
import { LEAGUE_SUBJECTS } from './league.ts';
import {
  type ScoringCase,
  type ScoringEvent,
  type ScoringFacts,
  scoringPoints,
  unitKeysAt,
} from './points.ts';
import { OTHER_PEER_GROUP, scoreTable } from './scores.ts';

const period = assessmentPeriodOfDay('month', '2026-03-10');
const COMMUNITIES = new Map([
  ['110105.001.001', 'c1'],
  ['110105.001.002', 'c2'],
]);
const UNITS = ['d:u1', 'd:u2', 'r:c1'];
const ACTIONS = ['dispatch', 'redispatch', 'rehandle', 'escalate', 'overdue', 'supervise', 'rate', 'close'];
const STATES = ['dispatched', 'in_progress', 'follow_up', 'closed', 'reopened'];

const caseArb = (id: string): fc.Arbitrary<ScoringCase> =>
  fc.record({
    id: fc.constant(id),
    number: fc.constant(`N-${id}`),
    regionPath: fc.constantFrom('110105.001.001.01', '110105.001.002', '110105.001'),
    urgency: fc.constantFrom('ordinary', 'important', 'urgent'),
    listType: fc.constantFrom('none', 'hard_problem'),
    onSpot: fc.boolean(),
    overdue: fc.boolean(),
    firstResponderId: fc.constantFrom(null, 'p1', 'p2'),
  });

// Event times from a week before the period to a week after it.
const timeArb = fc
  .integer({ min: -7 * 24 * 60, max: 38 * 24 * 60 })
  .map((minutes) => new Date(period.start.getTime() + minutes * 60_000));

const eventArb = fc.record({
  caseIndex: fc.integer({ min: 0, max: 3 }),
  action: fc.constantFrom(...ACTIONS),
  toState: fc.constantFrom(...STATES),
  fromState: fc.constantFrom(null, ...STATES),
  rating: fc.constantFrom(null, 'satisfied', 'unsatisfied'),
  at: timeArb,
  unit: fc.constantFrom(...UNITS),
});

const factsArb: fc.Arbitrary<ScoringFacts> = fc
  .record({
    cases: fc.tuple(caseArb('k0'), caseArb('k1'), caseArb('k2'), caseArb('k3')),
    events: fc.array(eventArb, { maxLength: 30 }),
    spots: fc.array(
      fc.record({
        at: timeArb,
        path: fc.constantFrom('110105.001.001', '110105.001.002.03'),
        visitors: fc.subarray(['p1', 'p2', 'p3']),
      }),
      { maxLength: 4 },
    ),
    examples: fc.array(fc.record({ caseIndex: fc.integer({ min: 0, max: 3 }), at: timeArb }), {
      maxLength: 3,
    }),
    rates: fc.array(
      fc.record({
        subject: fc.constantFrom('c1', 'c2', ...UNITS),
        asked: fc.integer({ min: 0, max: 5 }),
        solved: fc.integer({ min: 0, max: 5 }),
      }),
      { maxLength: 4 },
    ),
    coverage: fc.array(
      fc.record({
        subject: fc.constantFrom('c1', 'c2'),
        households: fc.integer({ min: 0, max: 50 }),
        householdsVisited: fc.integer({ min: 0, max: 50 }),
      }),
      { maxLength: 2 },
    ),
    // Findings not rectified by their due day (整改): a community's, a unit's or a cadre's.
    findings: fc.array(
      fc.record({
        subject: fc.constantFrom('c1', 'd:u1', 'u:p1'),
        dueOffset: fc.integer({ min: -10, max: 40 }),
      }),
      { maxLength: 3 },
    ),
    // Results of closed evaluation rounds (两评): a community's or a cadre's mean, 1–5.
    evaluations: fc.array(
      fc.record({
        at: timeArb,
        subject: fc.constantFrom('c1', 'c2', 'u:p1'),
        mean: fc.integer({ min: 100, max: 500 }).map((n) => n / 100),
        ratings: fc.integer({ min: 1, max: 6 }),
      }),
      { maxLength: 3 },
    ),
    // Hard-problem items (攻坚破难清单): owned by a community (place and unit) or a department,
    // perhaps done, with milestones done on time, late or not at all.
    hardProblems: fc.array(
      fc.record({
        owner: fc.constantFrom('c1', 'd:u1'),
        doneAt: fc.option(timeArb, { nil: null }),
        milestones: fc.array(
          fc.record({
            targetOffset: fc.integer({ min: -5, max: 40 }),
            doneOffset: fc.option(fc.integer({ min: -5, max: 45 }), { nil: null }),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ cases, events, spots, examples, rates, coverage, evaluations, findings, hardProblems }) => {
    // Per case, events in seq order by time (as stored: a case's events never go back in time).
    const sorted = [...events].sort((a, b) => a.caseIndex - b.caseIndex || a.at.getTime() - b.at.getTime());
    const scoring: ScoringEvent[] = sorted.map((e, i) => ({
      id: `e${i}`,
      caseId: `k${e.caseIndex}`,
      seq: i,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      rating: e.action === 'rate' ? e.rating : null,
      at: e.at,
      unit: ['dispatch', 'redispatch', 'rehandle'].includes(e.action)
        ? e.unit
        : e.action === 'escalate'
          ? ''
          : undefined,
    }));
    return {
      period,
      communities: COMMUNITIES,
      sentDown: new Set(['p1', 'p3']),
      cases: new Map(cases.map((c) => [c.id, c])),
      events: scoring,
      spotChecks: spots.map((s, i) => ({
        spotCheckId: `s${i}`,
        visitId: `v${i}`,
        verifiedAt: s.at,
        regionPath: s.path,
        visitorIds: s.visitors,
      })),
      // Every other example is a published write-up (issue 14 §6) rather than a campaign's mark.
      examples: examples.map((x, i) =>
        i % 2 === 1
          ? { campaignId: '', exampleId: `x${i}`, caseId: `k${x.caseIndex}`, markedAt: x.at }
          : { campaignId: `g${i}`, caseId: `k${x.caseIndex}`, markedAt: x.at },
      ),
      rates: [...new Map(rates.map((r) => [r.subject, r])).values()].map((r) => ({
        subject: r.subject,
        subjectKind: r.subject.includes(':') ? ('units' as const) : ('places' as const),
        counters: Object.assign(emptyCounters(CASE_COUNTER_KEYS), {
          solved_asked: r.asked,
          solved: Math.min(r.solved, r.asked),
        }),
      })),
      coverage: [...new Map(coverage.map((c) => [c.subject, c])).values()],
      findingsOverdue: findings.map((f, i) => ({
        findingId: `f${i}`,
        subject: f.subject,
        subjectKind: f.subject.startsWith('u:')
          ? ('cadres' as const)
          : f.subject.includes(':')
            ? ('units' as const)
            : ('places' as const),
        dueOn: addDays(period.from, f.dueOffset),
        sourceKind: 'criticism_list',
      })),
      evaluations: evaluations.map((x, i) => ({
        roundId: `round${i}`,
        closedAt: x.at,
        subject: x.subject,
        subjectKind: x.subject.startsWith('u:') ? ('cadres' as const) : ('places' as const),
        mean: x.mean,
        ratings: x.ratings,
      })),
      hardProblems: hardProblems.map((h, i) => ({
        itemId: `hp${i}`,
        owners:
          h.owner === 'c1'
            ? [
                { kind: 'places' as const, key: 'c1' },
                { kind: 'units' as const, key: 'r:c1' },
              ]
            : [{ kind: 'units' as const, key: h.owner }],
        doneAt: h.doneAt,
        finishedOn: h.doneAt ? cstDay(h.doneAt) : null,
        milestones: h.milestones.map((m, j) => ({
          id: `hp${i}m${j}`,
          targetDate: addDays(period.from, m.targetOffset),
          doneOn: m.doneOffset === null ? null : addDays(period.from, m.doneOffset),
        })),
      })),
    } satisfies ScoringFacts;
  });

const pointsArb = fc.integer({ min: -10000, max: 10000 }).map((n) => n / 100);
const subjectsArb = fc.subarray([...LEAGUE_SUBJECTS]);
const rulesArb: fc.Arbitrary<ScoreRules> = fc
  .record({
    solved: fc.tuple(pointsArb, pointsArb, pointsArb, pointsArb, subjectsArb),
    flat: fc.array(fc.tuple(pointsArb, subjectsArb), {
      minLength: Object.keys(DEFAULT_SCORE_RULES.items).length,
      maxLength: Object.keys(DEFAULT_SCORE_RULES.items).length,
    }),
    composite: subjectsArb,
    target: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
    perPointShort: fc.integer({ min: -500, max: 0 }).map((n) => n / 100),
  })
  .map(({ solved, flat, composite, target, perPointShort }) => {
    const items = Object.fromEntries(
      Object.keys(DEFAULT_SCORE_RULES.items).map((item, i) => [
        item,
        { points: flat[i]?.[0] ?? 0, appliesTo: flat[i]?.[1] ?? [] },
      ]),
    ) as ScoreRules['items'];
    return scoreRulesSchema.parse({
      ...DEFAULT_SCORE_RULES,
      solved: {
        ordinary: solved[0],
        important: solved[1],
        urgent: solved[2],
        hardProblem: solved[3],
        appliesTo: solved[4],
      },
      items,
      composite: { ...DEFAULT_SCORE_RULES.composite, appliesTo: composite },
      coverage: { perPointShort, targetPercent: target },
    });
  });

const subjectsOf = (points: { subject: string; subjectKind: (typeof LEAGUE_SUBJECTS)[number] }[]) => [
  ...new Map(
    points.map((p) => [p.subject, { key: p.subject, kind: p.subjectKind, name: p.subject }]),
  ).values(),
];

describe('scoring points', () => {
  it('makes every score the sum of its points, the points partitioned among the rows', () => {
    fc.assert(
      fc.property(factsArb, rulesArb, (facts, rules) => {
        const points = scoringPoints(facts, rules);
        const rows = scoreTable(subjectsOf(points), points, rules);
        for (const row of rows) {
          const own = points.filter((p) => p.subject === row.key);
          expect(row.scoreCp).toBe(own.reduce((s, p) => s + p.cp, 0));
          expect(row.points).toBe(own.length);
        }
        expect(rows.reduce((s, r) => s + r.points, 0)).toBe(points.length);
        for (const p of points) expect(Number.isInteger(p.cp) && p.cp !== 0).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('traces every point to a fact, its key once per subject, dated inside the period', () => {
    fc.assert(
      fc.property(factsArb, rulesArb, (facts, rules) => {
        const points = scoringPoints(facts, rules);
        const ids = new Set([
          ...facts.events.map((e) => e.id),
          ...facts.spotChecks.map((s) => s.visitId),
          ...facts.examples.map((x) => x.exampleId ?? x.campaignId),
          ...facts.rates.map((r) => r.subject.replace(/^[dru]:/, '')),
          ...facts.coverage.map((c) => c.subject),
          ...(facts.evaluations ?? []).map((x) => x.roundId),
          ...(facts.findingsOverdue ?? []).map((f) => f.findingId),
          ...(facts.hardProblems ?? []).map((h) => h.itemId),
        ]);
        const keys = new Set<string>();
        for (const p of points) {
          expect(ids.has(p.source.id)).toBe(true);
          expect(keys.has(`${p.subject}|${p.key}`)).toBe(false);
          keys.add(`${p.subject}|${p.key}`);
          expect(p.day >= period.from && p.day <= period.to).toBe(true);
          if (p.source.caseId !== null) expect(facts.cases.has(p.source.caseId)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is changed by no fact dated after the period', () => {
    const late = fc.record({
      caseIndex: fc.integer({ min: 0, max: 3 }),
      action: fc.constantFrom(...ACTIONS),
      minutes: fc.integer({ min: 0, max: 60 * 24 * 30 }),
    });
    fc.assert(
      fc.property(factsArb, rulesArb, fc.array(late, { maxLength: 6 }), (facts, rules, extra) => {
        const lateBy = (m: number) => new Date(period.end.getTime() + m * 60_000);
        const more: ScoringFacts = {
          ...facts,
          events: [
            ...facts.events,
            ...extra.map((x, i) => ({
              id: `late${i}`,
              caseId: `k${x.caseIndex}`,
              seq: 1000 + i,
              action: x.action,
              fromState: 'follow_up',
              toState: 'closed',
              rating: 'unsatisfied',
              at: lateBy(x.minutes),
              unit: x.action === 'dispatch' ? 'd:u2' : undefined,
            })),
          ],
          spotChecks: [
            ...facts.spotChecks,
            ...extra.map((x, i) => ({
              spotCheckId: 'late',
              visitId: `lv${i}`,
              verifiedAt: lateBy(x.minutes),
              regionPath: '110105.001.001',
              visitorIds: ['p1'],
            })),
          ],
          examples: [
            ...facts.examples,
            ...extra.map((x, i) => ({
              campaignId: `lg${i}`,
              caseId: `k${x.caseIndex}`,
              markedAt: lateBy(x.minutes),
            })),
          ],
          // Due on the period's last day or later: overdue only after it.
          findingsOverdue: [
            ...(facts.findingsOverdue ?? []),
            ...extra.map((x, i) => ({
              findingId: `lf${i}`,
              subject: 'c1',
              subjectKind: 'places' as const,
              dueOn: addDays(period.to, Math.floor(x.minutes / (60 * 24))),
              sourceKind: 'supervision_report',
            })),
          ],
          // Done after the period, or a milestone due on its last day or later: missed only after it.
          hardProblems: [
            ...(facts.hardProblems ?? []),
            ...extra.map((x, i) => ({
              itemId: `lhp${i}`,
              owners: [{ kind: 'units' as const, key: 'd:u2' }],
              doneAt: lateBy(x.minutes),
              finishedOn: cstDay(lateBy(x.minutes)),
              milestones: [
                {
                  id: `lhp${i}m`,
                  targetDate: addDays(period.to, Math.floor(x.minutes / (60 * 24))),
                  doneOn: null,
                },
              ],
            })),
          ],
        };
        expect(scoringPoints(more, rules)).toEqual(scoringPoints(facts, rules));
      }),
      { numRuns: 150 },
    );
  });

  it('emits nothing for an item worth 0 or not applying to a kind of subject', () => {
    fc.assert(
      fc.property(factsArb, rulesArb, (facts, rules) => {
        for (const p of scoringPoints(facts, rules)) {
          const rule =
            p.item === 'solved'
              ? rules.solved
              : p.item === 'composite'
                ? rules.composite
                : p.item === 'coverage_short'
                  ? { appliesTo: ['places'] }
                  : rules.items[p.item as keyof ScoreRules['items']];
          expect(rule.appliesTo).toContain(p.subjectKind);
        }
        const zero = scoreRulesSchema.parse({
          ...rules,
          solved: { ...rules.solved, ordinary: 0, important: 0, urgent: 0, hardProblem: 0 },
          items: Object.fromEntries(
            Object.entries(rules.items).map(([k, v]) => [k, { ...v, points: 0 }]),
          ) as ScoreRules['items'],
          composite: { ...rules.composite, scale: 0 },
          coverage: { ...rules.coverage, perPointShort: 0 },
        });
        expect(scoringPoints(facts, zero)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('gives a case event to the unit holding the case then, as a naive replay does', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const at = unitKeysAt(facts.events);
        for (const [i, e] of facts.events.entries()) {
          const setter = facts.events
            .slice(0, i + 1)
            .filter((x) => x.caseId === e.caseId && x.unit !== undefined)
            .at(-1);
          expect(at.get(e.id)).toBe(setter?.unit ?? '');
        }
      }),
    );
  });
});

describe('example points', () => {
  it('counts a case once as an example, marked by a campaign, published as a write-up or both', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const points = scoringPoints(facts, DEFAULT_SCORE_RULES).filter((p) => p.item === 'example');
        const inPeriod = facts.examples.filter((x) => x.markedAt >= period.start && x.markedAt < period.end);
        for (const p of points) {
          const ofCase = inPeriod
            .filter((x) => x.caseId === p.source.caseId)
            .sort((a, b) => a.markedAt.getTime() - b.markedAt.getTime());
          expect(p.key).toBe(`example:${p.source.caseId}`);
          const source = (x: (typeof ofCase)[number]) =>
            x.exampleId ? `published_example:${x.exampleId}` : `campaign_example:${x.campaignId}`;
          expect(ofCase.map(source)).toContain(`${p.source.kind}:${p.source.id}`);
          // Every fact reaches the case's community: the earliest, whichever kind it is, earns it.
          if (p.subjectKind === 'places')
            expect(`${p.source.kind}:${p.source.id}`).toBe(source(ofCase[0] as (typeof ofCase)[number]));
        }
        const perSubject = new Set(points.map((p) => `${p.subject}|${p.key}`));
        expect(perSubject.size).toBe(points.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('points of one case', () => {
  const at = (day: number, hour = 10) => new Date(period.start.getTime() + (day * 24 + hour) * 3_600_000);
  const ev = (
    seq: number,
    action: string,
    from: string | null,
    to: string,
    day: number,
    extra: Partial<ScoringEvent> = {},
  ) =>
    ({
      id: `e${seq}`,
      caseId: 'k',
      seq,
      action,
      fromState: from,
      toState: to,
      rating: null,
      at: at(day),
      ...extra,
    }) satisfies ScoringEvent;

  it('deducts per percentage point of household coverage short of the target', () => {
    const facts = (
      households: number,
      householdsVisited: number,
      visitRuleTarget?: number,
    ): ScoringFacts => ({
      period,
      communities: COMMUNITIES,
      sentDown: new Set(),
      cases: new Map(),
      events: [],
      spotChecks: [],
      examples: [],
      rates: [],
      coverage: [{ subject: 'c1', households, householdsVisited, targetPercent: visitRuleTarget ?? null }],
    });
    const rules = { ...DEFAULT_SCORE_RULES, coverage: { perPointShort: -0.5, targetPercent: 80 } };
    // 30 of 40 visited: 75 %, 5 points short, −0.5 each.
    expect(scoringPoints(facts(40, 30), rules).map((p) => [p.subject, p.item, p.cp])).toEqual([
      ['c1', 'coverage_short', -250],
    ]);
    expect(scoringPoints(facts(40, 32), rules)).toEqual([]);
    expect(scoringPoints(facts(40, 0), DEFAULT_SCORE_RULES)).toEqual([]);
    // No target of the rules' own: the community's visit rule sets it (90 %: 15 points short, −1 each).
    expect(scoringPoints(facts(40, 30, 90), DEFAULT_SCORE_RULES).map((p) => [p.item, p.cp])).toEqual([
      ['coverage_short', -1500],
    ]);
    // The rules' own target wins over the visit rule's.
    expect(scoringPoints(facts(40, 30, 90), rules).map((p) => p.cp)).toEqual([-250]);
  });

  it('counts by hand: dispatch, overdue twice, supervised, unsatisfied, re-handled elsewhere, solved', () => {
    const facts: ScoringFacts = {
      period,
      communities: COMMUNITIES,
      sentDown: new Set(['p1']),
      cases: new Map([
        [
          'k',
          {
            id: 'k',
            number: 'N1',
            regionPath: '110105.001.002.07',
            urgency: 'important',
            listType: 'none',
            onSpot: false,
            overdue: true,
            firstResponderId: 'p1',
          },
        ],
      ]),
      events: [
        ev(1, 'dispatch', 'accepted', 'dispatched', -3, { unit: 'd:u1' }),
        ev(2, 'overdue', 'dispatched', 'dispatched', 1),
        ev(3, 'overdue', 'in_progress', 'in_progress', 2),
        ev(4, 'supervise', 'in_progress', 'in_progress', 4),
        ev(5, 'rate', 'follow_up', 'reopened', 5, { rating: 'unsatisfied' }),
        ev(6, 'rehandle', 'reopened', 'in_progress', 6, { unit: 'd:u2' }),
        ev(7, 'rate', 'follow_up', 'closed', 8, { rating: 'satisfied' }),
      ],
      spotChecks: [],
      examples: [],
      rates: [],
      coverage: [],
    };
    const points = scoringPoints(facts, DEFAULT_SCORE_RULES);
    const sum = (subject: string) =>
      points.filter((p) => p.subject === subject).reduce((s, p) => s + p.cp, 0);
    // Community c2: overdue −1, two reminders −2, supervised −3, unsatisfied −3, reopened −2, solved (重) +2.
    expect(sum('c2')).toBe(-900);
    // The first unit keeps its overdue, reminders and 督办; the second the rest (no on-time: it was overdue).
    expect(sum('d:u1')).toBe(-600 - 300 - 200);
    expect(sum('d:u2')).toBe(200);
    // The cadre: unsatisfied −3, solved +2.
    expect(sum('u:p1')).toBe(-100);
    const rows = scoreTable(subjectsOf(points), points, DEFAULT_SCORE_RULES);
    expect(rows.find((r) => r.key === 'c2')?.peerGroup).toBe(OTHER_PEER_GROUP);
  });
});
