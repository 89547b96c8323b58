import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { misfitAnswer, questionResults, type SurveyQuestion } from './surveys.ts';

const questionArb: fc.Arbitrary<SurveyQuestion> = fc.oneof(
  fc.constant({ kind: 'rating' as const, text: '满意度' }),
  fc.integer({ min: 2, max: 6 }).map((n) => ({
    kind: 'choice' as const,
    text: '选择',
    options: Array.from({ length: n }, (_, i) => `选项${i}`),
  })),
);

const fittingAnswers = (questions: SurveyQuestion[]) =>
  fc.tuple(
    ...questions.map((q) =>
      q.kind === 'rating'
        ? fc.integer({ min: 1, max: 5 })
        : fc.integer({ min: 0, max: q.options.length - 1 }),
    ),
  );

describe('survey results', () => {
  it('counts every fitting answer once per question, and the mean lies between 1 and 5', () => {
    fc.assert(
      fc.property(
        fc
          .array(questionArb, { minLength: 3, maxLength: 8 })
          .chain((qs) => fc.tuple(fc.constant(qs), fc.array(fittingAnswers(qs), { maxLength: 20 }))),
        ([questions, answers]) => {
          for (const a of answers) expect(misfitAnswer(questions, a)).toBe(-1);
          const results = questionResults(questions, answers);
          for (const [i, r] of results.entries()) {
            expect(r.distribution.reduce((s, n) => s + n, 0)).toBe(answers.length);
            const q = questions[i] as SurveyQuestion;
            if (q.kind === 'rating' && answers.length > 0) {
              const mean = answers.reduce((s, a) => s + (a[i] as number), 0) / answers.length;
              expect(r.mean).toBeCloseTo(mean, 10);
            } else expect(r.mean).toBeNull();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a rating outside 1–5, a choice past its options and a wrong number of answers', () => {
    const qs: SurveyQuestion[] = [
      { kind: 'rating', text: 'a' },
      { kind: 'choice', text: 'b', options: ['x', 'y'] },
      { kind: 'rating', text: 'c' },
    ];
    expect(misfitAnswer(qs, [5, 1, 1])).toBe(-1);
    expect(misfitAnswer(qs, [0, 1, 1])).toBe(0);
    expect(misfitAnswer(qs, [3, 2, 1])).toBe(1);
    expect(misfitAnswer(qs, [3, 1])).toBe(2);
  });
});
