import type { Kysely } from 'kysely';
import { type Example, type PersonalDataReason, personalDataIn } from '../../../shared/domain/examples.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createExampleRepository, type ExampleRepository } from './examples.repository.ts';

/** What every example use case needs: the database, who acts, and how the audit names them. */
export interface ExampleContext {
  db: Kysely<DB>;
  principal: Principal;
  actor: AuditActor;
  now: Date;
}

/** A case or visit the caller reads, as a write-up of it needs it. */
export interface ExampleSubjectRow {
  kind: 'case' | 'visit';
  id: string;
  number: string | null;
  /** Only a closed case may be an example; a recorded visit always may. */
  eligible: boolean;
  regionId: string;
  regionPath: string;
  day: string;
  /** The resident's name and the exact addresses the public text must not repeat. */
  known: (string | null)[];
  /** The handling unit's key ('d:' / 'r:'), or null (a visit: its community is named). */
  unitKey: string | null;
}

/**
 * The subject if the caller reads it: a case in their case scope, a visit in their visit scope
 * (visits:read by place). Anything else is null, answered as NOT_FOUND by the callers.
 */
export async function readableSubject(
  repo: ExampleRepository,
  principal: Principal,
  kind: 'case' | 'visit',
  id: string,
): Promise<ExampleSubjectRow | null> {
  if (kind === 'case') {
    const c = await repo.caseSubject(caseScopeFor(principal), id);
    if (!c) return null;
    return {
      kind,
      id: c.id,
      number: c.number,
      eligible: c.state === 'closed',
      regionId: c.region_id,
      regionPath: c.region_path,
      day: cstDay(new Date(c.created_at)),
      known: [c.reporter_name, c.address, c.household_address],
      unitKey: c.unit_department_id
        ? `d:${c.unit_department_id}`
        : c.unit_region_id
          ? `r:${c.unit_region_id}`
          : null,
    };
  }
  const v = await repo.visitSubject(scopeFor(principal, 'visits:read'), id);
  if (!v) return null;
  return {
    kind,
    id: v.id,
    number: null,
    eligible: true,
    regionId: v.region_id,
    regionPath: v.region_path,
    day: cstDay(new Date(v.started_at)),
    known: [v.household_address],
    unitKey: null,
  };
}

/** Refuses public text that still names a person or an exact place (422 with the reasons). */
export function refusePersonalData(title: string, story: string, known: readonly (string | null)[]): void {
  const reasons = new Set<PersonalDataReason>([
    ...personalDataIn(title, known),
    ...personalDataIn(story, known),
  ]);
  if (reasons.size === 0) return;
  throw new AppError('EXAMPLE_PERSONAL_DATA', 'The title or story still contains personal data.', {
    issues: [...reasons].map((reason) => ({
      path: 'body.story',
      reason,
      message: `Remove the ${reason.replace(/_/g, ' ')} from the text.`,
    })),
  });
}

/** The name the public page gives the place: its community, else its street, else its district. */
export async function publicPlaceName(db: Kysely<DB>, districtCode: string, path: string): Promise<string> {
  const crumbs = await createRegionRepository(db).pathNodes(districtCode, path);
  const community = crumbs.findLast((c) => c.level === 'community');
  const street = crumbs.findLast((c) => c.level === 'street');
  return (community ?? street ?? crumbs[0])?.name ?? '';
}

type Row = NonNullable<Awaited<ReturnType<ExampleRepository['find']>>>;

/** The stored photo choice: `{ source, id }[]`. */
export function chosenPhotoIds(raw: unknown): string[] {
  const list = jsonColumn<{ id: string }[] | null>(raw);
  return (list ?? []).map((p) => p.id);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** An example as staff see it, with the subject's photos marked chosen or not. */
export async function exampleView(db: Kysely<DB>, row: Row, subject: ExampleSubjectRow): Promise<Example> {
  const chosen = new Set(chosenPhotoIds(row.photos));
  const photos = await createExampleRepository(db).photosOf(
    row.district_code,
    row.subject_kind,
    row.subject_id,
  );
  return {
    id: row.id,
    subject: {
      kind: row.subject_kind,
      id: row.subject_id,
      number: subject.number,
      day: dateColumn(row.subject_day),
    },
    regionName: row.region_name ?? '',
    title: row.title,
    story: row.story,
    state: row.state,
    unitName: row.unit_name,
    proposedAt: new Date(row.proposed_at).toISOString(),
    publishedAt: iso(row.published_at),
    withdrawReason: row.withdraw_reason,
    photos: photos.map((p) => ({ id: p.id, fileName: p.file_name, chosen: chosen.has(p.id) })),
  };
}

/** The example and its subject if the caller reads the subject; NOT_FOUND otherwise. */
export async function exampleInReach(db: Kysely<DB>, principal: Principal, id: string) {
  const repo = createExampleRepository(db);
  const row = await repo.find(principal.districtCode, id);
  const subject = row ? await readableSubject(repo, principal, row.subject_kind, row.subject_id) : null;
  if (!row || !subject) throw new AppError('NOT_FOUND', 'No such example.');
  return { row, subject, repo };
}
