import type { ReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { AttachmentStore } from '../cases/attachments/attachment-store.ts';
import { visibleVisit } from './visit-access.ts';
import { createVisitRepository } from './visits.repository.ts';

/** One photo of a visit the caller may read (anyone who may read the visit may see its photos). */
export async function readVisitPhoto(
  db: Kysely<DB>,
  store: AttachmentStore,
  principal: Principal,
  visitId: string,
  photoId: string,
): Promise<{ fileName: string; contentType: string; size: number; stream: ReadStream }> {
  const visit = await visibleVisit(db, principal, visitId);
  const found = await createVisitRepository(db).photo(visit.district_code, visit.id, photoId);
  if (!found) throw new AppError('NOT_FOUND', 'No such photo.');
  const file = await store.open(found.storage_key);
  // The row is there but the file is not: a restore without the attachment directory.
  if (!file) throw new AppError('NOT_FOUND', 'The file of this photo is missing from the server.');
  return { fileName: found.file_name, contentType: found.content_type, size: file.size, stream: file.stream };
}
