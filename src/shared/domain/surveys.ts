import { z } from 'zod';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';
import { rateSchema } from './figures.ts';

/**
 * Resident satisfaction surveys (民意测评, issue 14 §5): a leader's short question set (3–8
 * questions: a 1–5 satisfaction score or one choice of a few) put to the households of a community
 * or street, by phone, on a visit or on the public page; one answer per household per survey.
 */
export const SURVEY_QUESTIONS_MIN = 3;
export const SURVEY_QUESTIONS_MAX = 8;
export const SURVEY_CHANNELS = ['phone', 'visit', 'public'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

/** The public page's household identification: the invitation code printed for the household. */
export const SURVEY_CODE_LENGTH = 8;

export const surveyQuestionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rating'), text: textSchema(200) }).strict(),
  z
    .object({
      kind: z.literal('choice'),
      text: textSchema(200),
      options: z.array(textSchema(60)).min(2).max(6),
    })
    .strict(),
]);
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

export const createSurveySchema = z
  .object({
    regionId: z.uuid(),
    title: textSchema(100),
    from: calendarDaySchema,
    to: calendarDaySchema,
    questions: z.array(surveyQuestionSchema).min(SURVEY_QUESTIONS_MIN).max(SURVEY_QUESTIONS_MAX),
  })
  .strict()
  .refine((s) => s.from <= s.to, { path: ['to'], message: 'The last day is on or after the first.' });
export type CreateSurvey = z.infer<typeof createSurveySchema>;

/** One value per question, in order: a rating 1–5, or the index of the chosen option. */
export const surveyAnswersSchema = z.array(z.number().int().min(0).max(5)).min(1).max(SURVEY_QUESTIONS_MAX);

export const recordSurveyAnswerSchema = z
  .object({
    householdId: z.uuid(),
    channel: z.enum(['phone', 'visit']),
    answers: surveyAnswersSchema,
  })
  .strict();
export type RecordSurveyAnswer = z.infer<typeof recordSurveyAnswerSchema>;

export const publicSurveyAnswerSchema = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z]{8}$/, 'An invitation code is 8 letters and digits.'),
    answers: surveyAnswersSchema,
  })
  .strict();
export type PublicSurveyAnswer = z.infer<typeof publicSurveyAnswerSchema>;

const placeSchema = z.object({ id: z.uuid(), name: z.string(), level: z.string() });

export const surveySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  region: placeSchema,
  from: z.string(),
  to: z.string(),
  questions: z.array(surveyQuestionSchema),
  responses: z.number().int(),
  createdAt: z.string(),
});
export type Survey = z.infer<typeof surveySchema>;

export const surveyListSchema = z.object({ items: z.array(surveySchema) });

export const surveyAnswerReceiptSchema = z.object({ surveyId: z.uuid(), channel: z.enum(SURVEY_CHANNELS) });

export const questionResultSchema = z.object({
  /** The mean of a rating question's answers; null for a choice or without answers. */
  mean: z.number().nullable(),
  /** How many chose each value: ratings 1–5 at indexes 0–4, or each option in order. */
  distribution: z.array(z.number().int()),
});
export type QuestionResult = z.infer<typeof questionResultSchema>;

export const surveyCommunityResultSchema = z.object({
  region: placeSchema,
  households: z.number().int(),
  responses: z.number().int(),
  questions: z.array(questionResultSchema),
  /** 满意率 of the cases recorded there in the survey's days, beside the survey. */
  caseSatisfaction: rateSchema,
});
export type SurveyCommunityResult = z.infer<typeof surveyCommunityResultSchema>;

export const surveyResultsSchema = z.object({
  survey: surveySchema,
  communities: z.array(surveyCommunityResultSchema),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

export const surveyInvitationsSchema = z.object({
  items: z.array(z.object({ householdId: z.uuid(), householdCode: z.string(), inviteCode: z.string() })),
});

export const publicSurveySchema = z.object({
  title: z.string(),
  place: z.string(),
  from: z.string(),
  to: z.string(),
  questions: z.array(surveyQuestionSchema),
});
export type PublicSurvey = z.infer<typeof publicSurveySchema>;

/** The index of the first answer that does not fit its question, or -1 when all fit. */
export function misfitAnswer(questions: readonly SurveyQuestion[], answers: readonly number[]): number {
  if (answers.length !== questions.length) return Math.min(answers.length, questions.length);
  return questions.findIndex((q, i) => {
    const a = answers[i] as number;
    return q.kind === 'rating' ? a < 1 || a > 5 : a < 0 || a >= q.options.length;
  });
}

/** Each question's distribution (and a rating's mean) over the answers given. */
export function questionResults(
  questions: readonly SurveyQuestion[],
  answers: readonly (readonly number[])[],
): QuestionResult[] {
  return questions.map((q, i) => {
    const distribution = new Array<number>(q.kind === 'rating' ? 5 : q.options.length).fill(0);
    let sum = 0;
    let n = 0;
    for (const a of answers) {
      const v = a[i];
      if (v === undefined) continue;
      const slot = q.kind === 'rating' ? v - 1 : v;
      if (slot < 0 || slot >= distribution.length) continue;
      distribution[slot] = (distribution[slot] as number) + 1;
      sum += v;
      n++;
    }
    return { mean: q.kind === 'rating' && n > 0 ? sum / n : null, distribution };
  });
}
