import type { ReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import { CATEGORY_SUGGESTION_RULES, suggestCategories } from '../../../shared/cases/category-suggestion.ts';
import type { CaseContext } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { maskPhone } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import { unmaskAudited } from '../audit/unmask.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor, pathInScope, scopeFor } from '../auth/scope.ts';
import type { AttachmentStore } from './attachments/attachment-store.ts';
import { caseActor } from './case-actor.ts';
import { createCaseContextRepository } from './case-context.repository.ts';
import { createCaseSuggestionRepository } from './case-suggestions.repository.ts';
import { offeredActions } from './case-views.ts';
import { createCaseWorkRepository } from './case-work.repository.ts';
import { type CaseRow, createCaseRepository } from './cases.repository.ts';

async function caseInReach(db: Kysely<DB>, principal: Principal, id: string): Promise<CaseRow> {
  const row = await createCaseRepository(db).findInScope(caseScopeFor(principal), id);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  return row;
}

/**
 * Whose phone answers for the reporter, and whose personal data it is (the audited object of a
 * reveal): given with the case, else the household's head (or eldest member with a phone), else
 * the enterprise's contact.
 */
async function reporterPhone(
  repo: ReturnType<typeof createCaseContextRepository>,
  row: CaseRow,
  /** The case's enterprise when the caller has read it already. */
  known?: Awaited<ReturnType<ReturnType<typeof createCaseContextRepository>['enterprise']>>,
) {
  const d = row.district_code;
  if (row.reporter_phone_enc)
    return {
      source: 'case' as const,
      name: row.reporter_name,
      sealed: row.reporter_phone_enc,
      subject: { type: 'case_reporter', id: row.id },
    };
  if (row.household_id) {
    const person = await repo.householdContact(d, row.household_id);
    if (person?.phone_enc)
      return {
        source: 'household' as const,
        name: person.name,
        sealed: person.phone_enc,
        subject: { type: 'person', id: person.id },
      };
  }
  if (row.enterprise_id) {
    const e = known ?? (await repo.enterprise(d, row.enterprise_id));
    if (e?.contact_phone_enc)
      return {
        source: 'enterprise' as const,
        name: e.contact_name,
        sealed: e.contact_phone_enc,
        subject: { type: 'enterprise', id: e.id },
      };
  }
  return null;
}

/**
 * Who may see the reporter's phone in full: whoever must call them — the first responder (the
 * follow-up call, 回访) and the handling unit (first contact) — and holders of pii:unmask over the
 * case's place (docs/specs/trust.md §14).
 */
function mayReveal(principal: Principal, row: CaseRow): boolean {
  const actor = caseActor(principal, row);
  return (
    actor.firstResponder ||
    actor.handlingUnit ||
    pathInScope(row.region_path, scopeFor(principal, 'pii:unmask'))
  );
}

/**
 * Who sees the photos of the visit a case was raised on: whoever may read the visit, and whoever
 * works the case — its handling unit and the departments summoned to it — who must see the broken
 * lamp or the blocked drain to put it right. Through the case they get the photos and nothing else
 * of the visit: its notes, companions and household stay with the visit's readers (docs/specs/trust.md
 * §7, the case's context shows no more of them than the case itself does).
 */
async function photosVisible(
  db: Kysely<DB>,
  principal: Principal,
  row: CaseRow,
  visit: { region_path: string },
): Promise<boolean> {
  if (pathInScope(visit.region_path, scopeFor(principal, 'visits:read'))) return true;
  const tasks = await createCaseWorkRepository(db).openTaskDepartments(row.district_code, row.id);
  const actor = caseActor(principal, row, tasks);
  return actor.handlingUnit || actor.summoned;
}

/**
 * What the case was raised on and who to call back: the visit (with its photos when the caller may
 * read the visit), the household or enterprise, the reporter's phone masked, and — for whoever
 * may classify the case — categories of similar cases nearby.
 */
export async function caseContext(
  db: Kysely<DB>,
  cipher: PiiCipher,
  principal: Principal,
  id: string,
  now: Date,
): Promise<CaseContext> {
  const row = await caseInReach(db, principal, id);
  const repo = createCaseContextRepository(db);
  const d = row.district_code;
  const [visit, household, enterprise] = await Promise.all([
    row.source_visit_id ? repo.visit(d, row.source_visit_id) : undefined,
    row.household_id ? repo.household(d, row.household_id) : undefined,
    row.enterprise_id ? repo.enterprise(d, row.enterprise_id) : undefined,
  ]);
  // The enterprise just read answers for its contact's phone: not read a second time.
  const phone = await reporterPhone(repo, row, enterprise);
  const visitReadable = visit ? pathInScope(visit.region_path, scopeFor(principal, 'visits:read')) : false;
  const showPhotos = visit ? await photosVisible(db, principal, row, visit) : false;
  const photos = visit && showPhotos ? await repo.visitPhotos(d, visit.id) : [];
  return {
    visit: visit
      ? {
          id: visit.id,
          startedAt: new Date(visit.started_at).toISOString(),
          recordedBy: visit.recorder_name,
          readable: visitReadable,
          photosVisible: showPhotos,
          photos: photos.map((p) => ({ id: p.id, fileName: p.file_name, contentType: p.content_type })),
        }
      : null,
    household: household
      ? {
          id: household.id,
          code: household.code,
          address: household.address,
          readable: pathInScope(household.region_path, scopeFor(principal, 'households:read')),
        }
      : null,
    enterprise: enterprise
      ? {
          id: enterprise.id,
          name: enterprise.name,
          readable: pathInScope(enterprise.region_path, scopeFor(principal, 'enterprises:read')),
        }
      : null,
    reporter: {
      source: phone?.source ?? null,
      name: phone?.name ?? row.reporter_name,
      phoneMasked: phone ? maskPhone(cipher.decrypt(phone.sealed)) : null,
      mayReveal: phone !== null && mayReveal(principal, row),
    },
    suggestedCategories: offeredActions(row, caseActor(principal, row)).includes('classify')
      ? await categorySuggestions(db, principal, row, now)
      : [],
  };
}

async function categorySuggestions(db: Kysely<DB>, principal: Principal, row: CaseRow, now: Date) {
  const area = await createCaseSuggestionRepository(db).areaOf(row.district_code, row.region_path);
  const neighbours = await createCaseContextRepository(db).categorisedNeighbours(
    caseScopeFor(principal),
    row.id,
    area?.path ?? row.region_path,
    new Date(now.getTime() - CATEGORY_SUGGESTION_RULES.days * 86_400_000),
  );
  return suggestCategories(
    row,
    neighbours.map((n) => ({
      title: n.title,
      description: n.description,
      categoryId: n.category_id,
      categoryName: n.category_name,
    })),
  );
}

/**
 * One photo of the visit the case was raised on, for those `photosVisible` lets see it; any other
 * reader of the case gets 403, anyone outside the case's scope 404, as for the case itself.
 */
export async function readCaseVisitPhoto(
  db: Kysely<DB>,
  store: AttachmentStore,
  principal: Principal,
  caseId: string,
  photoId: string,
): Promise<{ fileName: string; contentType: string; size: number; stream: ReadStream }> {
  const row = await caseInReach(db, principal, caseId);
  const repo = createCaseContextRepository(db);
  const d = row.district_code;
  const visit = row.source_visit_id ? await repo.visit(d, row.source_visit_id) : undefined;
  if (!visit) throw new AppError('NOT_FOUND', 'The case was not raised on a visit.');
  if (!(await photosVisible(db, principal, row, visit)))
    throw new AppError('FORBIDDEN', "Only the visit's readers and those working the case see its photos.");
  const found = await repo.visitPhoto(d, visit.id, photoId);
  if (!found) throw new AppError('NOT_FOUND', 'No such photo.');
  const file = await store.open(found.storage_key);
  // The row is there but the file is not: a restore without the attachment directory.
  if (!file) throw new AppError('NOT_FOUND', 'The file of this photo is missing from the server.');
  return { fileName: found.file_name, contentType: found.content_type, size: file.size, stream: file.stream };
}

/**
 * The reporter's phone in full, for whoever must call them (`mayReveal`): audited as `pii.unmask`
 * on the case before the value leaves (audit/unmask.ts). Anyone else who sees the case gets 403.
 */
export async function revealReporterPhone(
  db: Kysely<DB>,
  cipher: PiiCipher,
  principal: Principal,
  auditActor: AuditActor,
  id: string,
  reason: string,
): Promise<string> {
  const row = await caseInReach(db, principal, id);
  if (!mayReveal(principal, row))
    throw new AppError('FORBIDDEN', 'Only those who must call the reporter may.');
  const phone = await reporterPhone(createCaseContextRepository(db), row);
  if (!phone) throw new AppError('NOT_FOUND', 'No phone is known for the reporter.');
  // The audited object is whose data it is; the case it was revealed for is in the detail.
  return unmaskAudited(db, cipher, auditActor, phone.sealed, {
    objectType: phone.subject.type,
    objectId: phone.subject.id,
    detail: { field: 'phone', source: phone.source, case: row.id, number: row.number, reason },
  });
}
