import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import { SURVEY_CODE_LENGTH, type Survey, type SurveyQuestion } from '../../../shared/domain/surveys.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { type Scope, scopeFor } from '../auth/scope.ts';
import { createSurveyRepository, type SurveyRow } from './surveys.repository.ts';

/** What the staff's survey use cases need: the database, who acts, how the audit names them. */
export interface SurveyContext {
  db: Kysely<DB>;
  principal: Principal;
  actor: AuditActor;
  now: Date;
  cipher: PiiCipher;
}

export const questionsOf = (raw: unknown) => jsonColumn<SurveyQuestion[]>(raw);

export function surveyView(row: SurveyRow): Survey {
  return {
    id: row.id,
    title: row.title,
    region: { id: row.region_id, name: row.region_name, level: row.region_level },
    from: dateColumn(row.from_day),
    to: dateColumn(row.to_day),
    questions: questionsOf(row.questions),
    responses: Number(row.responses ?? 0),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Whether a scope and a survey's place meet: the survey covers the caller's place or lies in it. */
export const surveyMeets = (scope: Scope, path: string) =>
  scope.paths.some((p) => reaches(p, path) || reaches(path, p));

/** The survey if the caller's scope with `permission` meets its place; NOT_FOUND otherwise. */
export async function surveyInReach(
  db: Kysely<DB>,
  principal: Principal,
  permission: 'visits:read' | 'visits:write' | 'figures:publish',
  id: string,
): Promise<SurveyRow> {
  const row = await createSurveyRepository(db).find(principal.districtCode, id);
  if (!row || !surveyMeets(scopeFor(principal, permission), row.region_path))
    throw new AppError('NOT_FOUND', 'No such survey.');
  return row;
}

/** Refuses an answer outside the survey's days (Beijing days, both ends included). */
export function refuseUnlessOpen(row: SurveyRow, today: string): void {
  if (today < dateColumn(row.from_day) || today > dateColumn(row.to_day))
    throw new AppError(
      'SURVEY_NOT_OPEN',
      `The survey takes answers from ${dateColumn(row.from_day)} to ${dateColumn(row.to_day)}.`,
    );
}

// Crockford's base 32: no I, L, O or U, so a code read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A household's invitation code for a survey, printed on the invitation the household receives: a
 * keyed hash (the deployment's PII key) of the survey and household, so it needs no table, cannot
 * be guessed from the household's own code, and is worth one answer to this survey only.
 */
export function inviteCode(cipher: PiiCipher, surveyId: string, householdId: string): string {
  const mac = cipher.hash(`survey:${surveyId}:${householdId}`);
  let code = '';
  for (let i = 0; i < SURVEY_CODE_LENGTH; i++) code += ALPHABET[(mac[i] as number) % 32];
  return code;
}
