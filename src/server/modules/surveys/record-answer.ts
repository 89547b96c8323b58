import type { Kysely } from 'kysely';
import { misfitAnswer, type SurveyChannel } from '../../../shared/domain/surveys.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { questionsOf, refuseUnlessOpen } from './survey-context.ts';
import { createSurveyRepository, type SurveyRow } from './surveys.repository.ts';

/**
 * Records a household's one answer to a survey, in the caller's transaction: the answers must fit
 * the questions, the survey be open today, and the household not have answered (the primary key
 * decides, so two answers sent at once still make one: the second is SURVEY_ALREADY_ANSWERED).
 */
export async function recordAnswer(
  trx: Kysely<DB>,
  actor: AuditActor,
  survey: SurveyRow,
  household: { id: string; region_path: string },
  input: { channel: SurveyChannel; answers: number[]; recordedBy: string | null; now: Date },
): Promise<void> {
  refuseUnlessOpen(survey, cstDay(input.now));
  const misfit = misfitAnswer(questionsOf(survey.questions), input.answers);
  if (misfit >= 0)
    throw new AppError('SURVEY_ANSWER_INVALID', 'The answers do not fit the questions.', {
      issues: [
        { path: `body.answers.${misfit}`, reason: 'misfit', message: 'Not an answer to this question.' },
      ],
    });
  const recorded = await createSurveyRepository(trx).insertAnswer({
    district_code: survey.district_code,
    survey_id: survey.id,
    household_id: household.id,
    region_path: household.region_path,
    channel: input.channel,
    answers: JSON.stringify(input.answers),
    recorded_by: input.recordedBy,
    recorded_at: input.now,
  });
  if (!recorded)
    throw new AppError('SURVEY_ALREADY_ANSWERED', 'This household has answered the survey already.');
  await audit(trx, actor, {
    action: 'survey.answered',
    result: 'success',
    objectType: 'survey',
    objectId: survey.id,
    detail: { household: household.id, channel: input.channel },
  });
}
