import type { Kysely } from 'kysely';
import { aidTotal, type VisitDetail } from '../../../shared/domain/visit.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { visibleVisit, visitActions } from './visit-access.ts';
import { visitSummary } from './visit-views.ts';
import { createVisitRepository } from './visits.repository.ts';

const iso = (at: Date | string) => new Date(at).toISOString();

/**
 * The diary entry's page: target, visitors, times, night and distance flags, notes, services, the
 * "五个要" record, photos, the cases its issues became (as they stand now), comments, and what the
 * caller may do.
 */
export async function visitDetail(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  now: Date,
): Promise<VisitDetail> {
  const row = await visibleVisit(db, principal, id);
  const repo = createVisitRepository(db);
  const district = row.district_code;
  const [visitors, cases, photos, comments, keyRecord] = await Promise.all([
    repo.visitors(district, [row.id]),
    repo.cases(district, row.id),
    repo.photos(district, row.id),
    repo.comments(district, row.id),
    row.key_record_id ? repo.keyRecord(district, row.key_record_id) : Promise.resolve(undefined),
  ]);
  const actions = await visitActions(
    db,
    principal,
    row,
    visitors.map((v) => v.id),
    now,
  );
  // The "五个要" record (state of mind, family contact) is the key household's file: shown to a
  // reader who may read households there, never to one who reads visits only (a liaison).
  const householdsRead = scopeFor(principal, 'households:read');
  const showsKeyRecord = keyRecord !== undefined && pathInScope(row.region_path, householdsRead);
  return {
    ...visitSummary(row, visitors, householdsRead),
    placeName: row.place_name,
    attendance: row.attendance,
    checkIn:
      row.latitude != null && row.longitude != null
        ? { latitude: row.latitude, longitude: row.longitude }
        : null,
    notes: row.notes,
    services: row.services as VisitDetail['services'],
    aidAmounts: row.aid_amounts as VisitDetail['aidAmounts'],
    aidYuan: aidTotal(row.aid_amounts),
    keyRecord: showsKeyRecord
      ? {
          id: keyRecord.id,
          basicSituation: keyRecord.basic_situation,
          livingConditions: keyRecord.living_conditions,
          stateOfMind: keyRecord.state_of_mind,
          contact: keyRecord.contact,
          helpInPlace: keyRecord.help_in_place,
        }
      : null,
    photos: photos.map((p) => ({
      id: p.id,
      fileName: p.file_name,
      contentType: p.content_type,
      sizeBytes: Number(p.size_bytes),
      uploadedBy: { id: p.uploaded_by, displayName: p.uploader_name },
      createdAt: iso(p.created_at),
    })),
    cases: cases.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      state: c.state as VisitDetail['cases'][number]['state'],
      onSpot: c.on_spot,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      author: { id: c.author_id, displayName: c.author_name },
      body: c.body,
      createdAt: iso(c.created_at),
    })),
    createdAt: iso(row.created_at),
    actions,
  };
}
