import type { RecordSurveyAnswer } from '../../../shared/domain/surveys.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { recordAnswer } from './record-answer.ts';
import { type SurveyContext, surveyInReach } from './survey-context.ts';
import { createSurveyRepository } from './surveys.repository.ts';

/** Staff record a household's answer heard by phone or on a visit (visits:write where it lives). */
export function answerSurvey(
  ctx: SurveyContext,
  surveyId: string,
  input: RecordSurveyAnswer,
): Promise<{ surveyId: string; channel: 'phone' | 'visit' }> {
  return runTransaction(ctx.db, async (trx) => {
    const survey = await surveyInReach(trx, ctx.principal, 'visits:write', surveyId);
    const household = await createSurveyRepository(trx).householdIn(
      survey.district_code,
      survey.region_path,
      input.householdId,
    );
    if (!household || !pathInScope(household.region_path, scopeFor(ctx.principal, 'visits:write')))
      throw new AppError('SURVEY_ANSWER_INVALID', 'The household is not part of this survey.', {
        issues: [
          { path: 'body.householdId', reason: 'outside_survey', message: 'Not a household of the survey.' },
        ],
      });
    await recordAnswer(trx, ctx.actor, survey, household, {
      channel: input.channel,
      answers: input.answers,
      recordedBy: ctx.principal.userId,
      now: ctx.now,
    });
    return { surveyId: survey.id, channel: input.channel };
  });
}
