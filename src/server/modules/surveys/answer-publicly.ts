import type { Kysely } from 'kysely';
import type { PublicSurveyAnswer } from '../../../shared/domain/surveys.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { recordAnswer } from './record-answer.ts';
import { inviteCode } from './survey-context.ts';
import { createSurveyRepository } from './surveys.repository.ts';

export interface PublicSurveyContext {
  db: Kysely<DB>;
  cipher: PiiCipher;
  sourceIp: string | null;
  now: Date;
}

/**
 * A resident answers on the public page (no account) with the invitation code printed for their
 * household: the code names the household (survey-context.ts `inviteCode`), so one household
 * answers once however many people hold the link. An unknown code is refused like a bad answer.
 */
export async function answerPublicly(
  ctx: PublicSurveyContext,
  surveyId: string,
  input: PublicSurveyAnswer,
): Promise<{ surveyId: string; channel: 'public' }> {
  return runTransaction(ctx.db, async (trx) => {
    const repo = createSurveyRepository(trx);
    const survey = await repo.findAnyDistrict(surveyId);
    if (!survey) throw new AppError('NOT_FOUND', 'No such survey.');
    const households = await repo.householdsIn(survey.district_code, survey.region_path);
    const household = households.find((h) => inviteCode(ctx.cipher, survey.id, h.id) === input.code);
    if (!household)
      throw new AppError('SURVEY_ANSWER_INVALID', 'No household of this survey has that invitation code.', {
        issues: [{ path: 'body.code', reason: 'unknown_code', message: 'Check the code on the invitation.' }],
      });
    await recordAnswer(
      trx,
      { districtCode: survey.district_code, username: 'public', sourceIp: ctx.sourceIp },
      survey,
      household,
      { channel: 'public', answers: input.answers, recordedBy: null, now: ctx.now },
    );
    return { surveyId: survey.id, channel: 'public' };
  });
}
