import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATES, RATINGS } from '../cases/workflow.ts';
import { CHANNELS } from '../domain/case.ts';
import { AID_AMOUNT_MAX, aidAmountSchema, aidTotal, VISIT_FORMS, VISIT_TARGETS } from '../domain/visit.ts';
import { figuresEn, figuresZh } from '../i18n/features/figures.ts';
import {
  CASE_COUNTER_KEYS,
  type CaseCounters,
  type CaseFigureFacts,
  caseCounters,
  caseFigures,
} from './case-figures.ts';
import { addCounters, counterDelta, percentileOfHistogram } from './counters.ts';
import { VISIT_COUNTER_KEYS, type VisitFigureFacts, visitCounters, visitFigures } from './visit-figures.ts';

const base: CaseFigureFacts = {
  state: 'submitted',
  channel: 'visit',
  onSpot: false,
  intakeLevel: 0,
  level: 0,
  whistles: 0,
  reopenCount: 0,
  latestRating: null,
  solved: null,
  overdue: false,
  reminders: 0,
  supervised: false,
  firstContact: null,
  handlingWorkingDays: null,
  validFollowUp: false,
};
const kase = (over: Partial<CaseFigureFacts>): CaseFigureFacts => ({ ...base, ...over });
const sumOf = (cases: CaseFigureFacts[]) => addCounters(CASE_COUNTER_KEYS, ...cases.map(caseCounters));

describe('case figures, a worked example', () => {
  // Ten cases created in one month, counted by hand.
  const cohort: CaseFigureFacts[] = [
    // 1–3: solved on the spot on visits, closed, satisfied (validly followed up).
    ...[1, 2, 3].map(() =>
      kase({
        state: 'closed',
        onSpot: true,
        latestRating: 'satisfied',
        validFollowUp: true,
        handlingWorkingDays: 0,
      }),
    ),
    // 4: hotline, street, first contact in time, closed in 4.2 working days, basically satisfied.
    kase({
      state: 'closed',
      channel: 'hotline_12345',
      intakeLevel: 1,
      level: 1,
      firstContact: 'on_time',
      handlingWorkingDays: 4.2,
      latestRating: 'basically_satisfied',
      validFollowUp: true,
      solved: true,
    }),
    // 5: a visit's case passed to the street, whistled, first contact late, overdue and reminded
    //    twice, closed in 12 working days, satisfied but not validly followed up.
    kase({
      state: 'closed',
      level: 1,
      whistles: 1,
      firstContact: 'late',
      overdue: true,
      reminders: 2,
      handlingWorkingDays: 12,
      latestRating: 'satisfied',
      solved: false,
    }),
    // 6: passed up to the district, reopened after an unsatisfied rating, supervised, still open.
    kase({
      state: 'reopened',
      level: 2,
      firstContact: 'on_time',
      reopenCount: 1,
      latestRating: 'unsatisfied',
      validFollowUp: true,
      supervised: true,
      overdue: true,
      reminders: 1,
    }),
    // 7: in progress at the street (walk-in).
    kase({ state: 'in_progress', channel: 'walk_in', intakeLevel: 1, level: 1, firstContact: 'on_time' }),
    // 8–10: rejected, merged, cancelled: out of the closure rate's divisor.
    kase({ state: 'rejected', channel: 'self_report' }),
    kase({ state: 'merged', channel: 'self_report' }),
    kase({ state: 'cancelled', channel: 'wechat' }),
  ];
  const figures = caseFigures(sumOf(cohort));

  it('counts and ratios as docs/specs/workflow.md defines them', () => {
    expect(figures.received).toBe(10);
    expect(figures.receivedByChannel).toMatchObject({
      visit: 5,
      hotline_12345: 1,
      walk_in: 1,
      self_report: 2,
      wechat: 1,
    });
    expect(figures.onSpot).toBe(3);
    expect(figures.closed).toBe(5);
    // 5 closed of 10 − rejected − merged − cancelled = 7.
    expect(figures.closureRate).toEqual({ numerator: 5, denominator: 7, value: 5 / 7 });
    // Case 5 was overdue: 4 of 5 closed on time.
    expect(figures.onTimeRate.value).toBe(4 / 5);
    // Rated: 1–6 (unsatisfied counts as rated); satisfied 1, 2, 3, 5; basically 4.
    expect(figures.satisfactionRate).toEqual({ numerator: 5, denominator: 6, value: 5 / 6 });
    // …and the one left, case 6, is the unsatisfied one.
    expect(figures.unsatisfied).toBe(1);
    // First contact ran for 4, 5, 6, 7; late for 5.
    expect(figures.responseRate).toEqual({ numerator: 3, denominator: 4, value: 3 / 4 });
    // Asked whether solved: 4 (yes), 5 (no).
    expect(figures.solutionRate.value).toBe(1 / 2);
    expect([figures.passedToStreet, figures.passedToDistrict, figures.whistled]).toEqual([2, 1, 1]);
    expect([figures.reopened, figures.overdue, figures.reminders, figures.supervised]).toEqual([1, 2, 3, 1]);
    // Handling days of the closed: 0, 0, 0, 4.2, 12 → average 3.24; the 90th percentile is the
    // fifth of five, in whole working days: 12.
    expect(figures.handlingDaysAverage).toBeCloseTo(3.24, 10);
    expect(figures.handlingDaysP90).toBe(12);
  });

  it('applies the assessment’s rules: a basically-satisfied weight, and only valid follow-ups', () => {
    const weighted = caseFigures(sumOf(cohort), { basicallySatisfiedWeight: 0.9, ratings: 'all' });
    expect(weighted.satisfactionRate.value).toBeCloseTo(4.9 / 6, 12);
    // Valid follow-ups: 1–4 and 6; satisfied 1–3, basically 4.
    const valid = caseFigures(sumOf(cohort), { basicallySatisfiedWeight: 0.9, ratings: 'valid_follow_up' });
    expect(valid.satisfactionRate.denominator).toBe(5);
    expect(valid.satisfactionRate.value).toBeCloseTo(3.9 / 5, 12);
    expect(valid.unsatisfied).toBe(1);
  });

  it('has no value where nothing divides', () => {
    const none = caseFigures(sumOf([]));
    expect(none.closureRate).toEqual({ numerator: 0, denominator: 0, value: null });
    expect([none.handlingDaysAverage, none.handlingDaysP90]).toEqual([null, null]);
  });
});

const factsArb: fc.Arbitrary<CaseFigureFacts> = fc.record({
  state: fc.constantFrom(...CASE_STATES),
  channel: fc.constantFrom(...CHANNELS),
  onSpot: fc.boolean(),
  intakeLevel: fc.integer({ min: 0, max: 2 }),
  level: fc.integer({ min: 0, max: 2 }),
  whistles: fc.integer({ min: 0, max: 3 }),
  reopenCount: fc.integer({ min: 0, max: 2 }),
  latestRating: fc.constantFrom(null, ...RATINGS),
  solved: fc.constantFrom(null, true, false),
  overdue: fc.boolean(),
  reminders: fc.integer({ min: 0, max: 3 }),
  supervised: fc.boolean(),
  firstContact: fc.constantFrom(null, 'on_time' as const, 'late' as const),
  handlingWorkingDays: fc.option(fc.double({ min: 0, max: 90, noNaN: true })),
  validFollowUp: fc.boolean(),
});

describe('counters', () => {
  it('a change moves the counters by after − before, so maintained sums equal a recount', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(factsArb, factsArb), { maxLength: 30 }), (changes) => {
        // Each case starts as its first facts and changes to its second; sums kept by deltas.
        let kept = sumOf(changes.map(([first]) => first));
        for (const [first, second] of changes) {
          const delta = counterDelta(CASE_COUNTER_KEYS, caseCounters(first), caseCounters(second));
          kept = addCounters(CASE_COUNTER_KEYS, kept, { ...sumOf([]), ...delta } as CaseCounters);
        }
        const recount = sumOf(changes.map(([, second]) => second));
        for (const k of CASE_COUNTER_KEYS) expect(kept[k]).toBeCloseTo(recount[k] ?? 0, 9);
      }),
    );
  });

  it('every rate lies in [0, 1] and no count exceeds what was received', () => {
    fc.assert(
      fc.property(fc.array(factsArb, { maxLength: 40 }), (cases) => {
        const f = caseFigures(sumOf(cases), { basicallySatisfiedWeight: 0.9, ratings: 'all' });
        for (const r of [f.closureRate, f.onTimeRate, f.satisfactionRate, f.responseRate, f.solutionRate]) {
          if (r.value !== null) {
            expect(r.value).toBeGreaterThanOrEqual(0);
            expect(r.value).toBeLessThanOrEqual(1);
          }
        }
        for (const n of [f.onSpot, f.closed, f.passedToStreet, f.passedToDistrict, f.whistled, f.reopened])
          expect(n).toBeLessThanOrEqual(f.received);
        expect(Object.values(f.receivedByChannel).reduce((a, b) => a + b, 0)).toBe(f.received);
      }),
    );
  });

  it('reads a percentile off a histogram', () => {
    expect(percentileOfHistogram([0, 0, 0], 0.9)).toBeNull();
    expect(percentileOfHistogram([5, 4, 1], 0.9)).toBe(1);
    expect(percentileOfHistogram([5, 4, 1], 0.91)).toBe(2);
    expect(percentileOfHistogram([0, 0, 7], 0.5)).toBe(2);
  });
});

describe('visit figures, the published account as a worked example', () => {
  it('counts a street campaign: 966 household and 14 enterprise visits, 105 problems, 103 on the spot', () => {
    const visits: VisitFigureFacts[] = [];
    const visit = (over: Partial<VisitFigureFacts>): VisitFigureFacts => ({
      targetType: 'household',
      form: 'routine',
      isNight: false,
      byLeaderOrCadre: false,
      problems: 0,
      solvedOnSpot: 0,
      opinions: 0,
      attendance: 0,
      aidYuan: 0,
      ...over,
    });
    for (let i = 0; i < 966; i++)
      visits.push(
        visit({
          isNight: i % 3 === 0,
          form: i % 3 === 0 ? 'night_duty' : 'routine',
          byLeaderOrCadre: i < 120,
          problems: i < 105 ? 1 : 0,
          solvedOnSpot: i < 103 ? 1 : 0,
          opinions: i < 80 ? 1 : 0,
        }),
      );
    for (let i = 0; i < 14; i++) visits.push(visit({ targetType: 'enterprise', form: 'targeted' }));
    visits.push(visit({ targetType: 'forum', form: 'forum', attendance: 35, opinions: 6 }));
    const counters = addCounters(VISIT_COUNTER_KEYS, ...visits.map(visitCounters));
    const f = visitFigures(counters, {
      households: 1_000,
      householdsVisited: 930,
      enterprises: 14,
      enterprisesVisited: 14,
    });
    expect([f.visits, f.householdVisits, f.enterpriseVisits, f.forumAndCollectionVisits]).toEqual([
      981, 966, 14, 1,
    ]);
    expect([f.nightVisits, f.dayVisits]).toEqual([322, 659]);
    expect(f.byForm).toMatchObject({ night_duty: 322, routine: 644, targeted: 14, forum: 1 });
    expect(Object.values(f.byForm).reduce((a, b) => a + b, 0)).toBe(f.visits);
    expect([f.problemsFound, f.solvedOnSpot, f.opinionsCollected, f.byLeaderOrCadre]).toEqual([
      105, 103, 86, 120,
    ]);
    expect(f.attendance).toBe(35);
    // 930 of 1,000 households: 93 %; every enterprise: 100 %.
    expect([f.householdCoveragePercent, f.enterpriseCoveragePercent]).toEqual([93, 100]);
  });

  it('adds up the aid recorded on services to the fen', () => {
    // Three visits: 500 yuan of cash aid and 199.9 of goods; 0.1 + 0.2 (floats would give
    // 0.30000000000000004); one visit without amounts. Total 700.20 yuan.
    const facts = (aidYuan: number): VisitFigureFacts => ({
      targetType: 'household',
      form: 'routine',
      isNight: false,
      byLeaderOrCadre: false,
      problems: 0,
      solvedOnSpot: 0,
      opinions: 0,
      attendance: 0,
      aidYuan,
    });
    const amounts = [
      aidTotal({ help_delivered: 500, referral: 199.9 }),
      aidTotal({ help_delivered: 0.1, policy_explained: 0.2 }),
      aidTotal({}),
    ];
    expect(amounts).toEqual([699.9, 0.3, 0]);
    const counters = addCounters(VISIT_COUNTER_KEYS, ...amounts.map((a) => visitCounters(facts(a))));
    const f = visitFigures(counters, {
      households: 0,
      householdsVisited: 0,
      enterprises: 0,
      enterprisesVisited: 0,
    });
    expect(f.aidDelivered).toBe(700.2);
    expect(f.visits).toBe(3);
  });

  it('takes amounts in yuan with at most two decimals, none negative or absurd', () => {
    expect(aidAmountSchema.safeParse(12.34).success).toBe(true);
    expect(aidAmountSchema.safeParse(0).success).toBe(true);
    expect(aidAmountSchema.safeParse(AID_AMOUNT_MAX).success).toBe(true);
    expect(aidAmountSchema.safeParse(12.345).success).toBe(false);
    expect(aidAmountSchema.safeParse(-1).success).toBe(false);
    expect(aidAmountSchema.safeParse(1_000_000.01).success).toBe(false);
  });

  it('names every target and form in its counters', () => {
    for (const t of VISIT_TARGETS) expect(VISIT_COUNTER_KEYS).toContain(`target_${t}`);
    for (const form of VISIT_FORMS) expect(VISIT_COUNTER_KEYS).toContain(`form_${form}`);
  });
});

describe('figure texts', () => {
  it('names every figure and says how it is counted, in Chinese and in English', () => {
    const ids = [
      ...Object.keys(caseFigures(sumOf([]))),
      ...Object.keys(
        visitFigures(addCounters(VISIT_COUNTER_KEYS), {
          households: 0,
          householdsVisited: 0,
          enterprises: 0,
          enterprisesVisited: 0,
        }),
      ),
    ].sort();
    expect(Object.keys(figuresZh.figures.defs).sort()).toEqual(ids);
    expect(Object.keys(figuresEn.figures.defs).sort()).toEqual(ids);
    for (const defs of [figuresZh.figures.defs, figuresEn.figures.defs])
      for (const d of Object.values(defs)) expect(d.how.length).toBeGreaterThanOrEqual(8);
  });
});
