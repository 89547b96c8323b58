import { z } from 'zod';
import type { AssessmentCalendar } from '../figures/assessment-periods.ts';
import type { CaseFigureRules } from '../figures/case-figures.ts';

/**
 * A district's assessment rules (issue 12 §1): what varies between assessments is configuration,
 * not code — the day an assessment month starts on (one Beijing district counts the 19th to the
 * 18th), what a "basically satisfied" rating is worth in the satisfaction rate, and which ratings
 * count (every one, or only those a valid follow-up took). Every figure read of the district
 * counts by them; a published league table keeps the rules it was built by.
 */
export const ASSESSMENT_RATINGS = ['all', 'valid_follow_up'] as const;

export const assessmentRulesSchema = z
  .object({
    monthStartDay: z.number().int().min(1).max(28),
    /** Hundredths at most: 0.9, 0.85. */
    basicallySatisfiedWeight: z.number().min(0).max(1).multipleOf(0.01),
    ratings: z.enum(ASSESSMENT_RATINGS),
  })
  .strict();
export type AssessmentRules = z.infer<typeof assessmentRulesSchema>;

export const DEFAULT_ASSESSMENT_RULES: AssessmentRules = {
  monthStartDay: 1,
  basicallySatisfiedWeight: 1,
  ratings: 'all',
};

/** GET /api/v1/figures/rules: the rules in force, and whether the caller may change them. */
export const assessmentRulesViewSchema = assessmentRulesSchema.extend({
  /** When they were last changed (null: never; the defaults). */
  updatedAt: z.string().nullable(),
  /** The caller holds figures:publish for the whole district. */
  editable: z.boolean(),
});
export type AssessmentRulesView = z.infer<typeof assessmentRulesViewSchema>;

export const calendarOf = (rules: AssessmentRules): AssessmentCalendar => ({
  monthStartDay: rules.monthStartDay,
});

export const caseRulesOf = (rules: AssessmentRules): CaseFigureRules => ({
  basicallySatisfiedWeight: rules.basicallySatisfiedWeight,
  ratings: rules.ratings,
});
