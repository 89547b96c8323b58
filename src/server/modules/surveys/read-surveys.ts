import type { Kysely } from 'kysely';
import type { PublicSurvey, Survey } from '../../../shared/domain/surveys.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { dateColumn } from '../../db/date-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { inviteCode, questionsOf, surveyInReach, surveyView } from './survey-context.ts';
import { createSurveyRepository } from './surveys.repository.ts';

/** The surveys of a place the caller reads: of it, below it, or of the street it is part of. */
export async function listSurveys(
  db: Kysely<DB>,
  principal: Principal,
  regionId: string,
): Promise<{ items: Survey[] }> {
  const place = await regionInScope(createRegionRepository(db), scopeFor(principal, 'visits:read'), regionId);
  const rows = await createSurveyRepository(db).around(principal.districtCode, place.path);
  return { items: rows.map(surveyView) };
}

export async function readSurvey(db: Kysely<DB>, principal: Principal, id: string): Promise<Survey> {
  return surveyView(await surveyInReach(db, principal, 'visits:read', id));
}

/**
 * The invitation codes of a survey's households, for the leader to print on the invitations
 * (household registry code and invitation code only: the sheet names no one).
 */
export async function surveyInvitations(db: Kysely<DB>, cipher: PiiCipher, principal: Principal, id: string) {
  const survey = await surveyInReach(db, principal, 'figures:publish', id);
  const households = await createSurveyRepository(db).householdsIn(survey.district_code, survey.region_path);
  return {
    items: households.map((h) => ({
      householdId: h.id,
      householdCode: h.code,
      inviteCode: inviteCode(cipher, survey.id, h.id),
    })),
  };
}

/** What the public page shows of a survey: its title, place, days and questions. */
export async function publicSurvey(db: Kysely<DB>, id: string): Promise<PublicSurvey> {
  const row = await createSurveyRepository(db).findAnyDistrict(id);
  if (!row) throw new AppError('NOT_FOUND', 'No such survey.');
  return {
    title: row.title,
    place: row.region_name,
    from: dateColumn(row.from_day),
    to: dateColumn(row.to_day),
    questions: questionsOf(row.questions),
  };
}
