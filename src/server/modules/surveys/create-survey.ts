import { v7 as uuidv7 } from 'uuid';
import type { CreateSurvey, Survey } from '../../../shared/domain/surveys.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { type SurveyContext, surveyView } from './survey-context.ts';
import { createSurveyRepository } from './surveys.repository.ts';

/** A leader's survey of the households of a community or street where they publish figures; audited. */
export function createSurvey(ctx: SurveyContext, input: CreateSurvey): Promise<Survey> {
  return runTransaction(ctx.db, async (trx) => {
    const place = await regionInScope(
      createRegionRepository(trx),
      scopeFor(ctx.principal, 'figures:publish'),
      input.regionId,
    );
    if (place.level !== 'community' && place.level !== 'street')
      throw new AppError('VALIDATION_FAILED', 'A survey is of a community or a street.', {
        issues: [{ path: 'body.regionId', reason: 'level', message: 'Choose a community or a street.' }],
      });
    const id = uuidv7();
    const repo = createSurveyRepository(trx);
    await repo.insert({
      district_code: ctx.principal.districtCode,
      id,
      region_id: place.id,
      region_path: place.path,
      title: input.title,
      questions: JSON.stringify(input.questions),
      from_day: input.from,
      to_day: input.to,
      created_by: ctx.principal.userId,
      created_at: ctx.now,
    });
    await audit(trx, ctx.actor, {
      action: 'survey.created',
      result: 'success',
      objectType: 'survey',
      objectId: id,
      detail: { region: place.id, from: input.from, to: input.to, questions: input.questions.length },
    });
    const row = await repo.find(ctx.principal.districtCode, id);
    if (!row) throw new AppError('INTERNAL', 'The survey just created is missing.');
    return surveyView(row);
  });
}
