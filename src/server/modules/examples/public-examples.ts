import type { Kysely } from 'kysely';
import type { PublicExampleList } from '../../../shared/domain/examples.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { AttachmentStore } from '../cases/attachments/attachment-store.ts';
import type { StoredFile } from '../cases/attachments/send-stored-file.ts';
import { chosenPhotoIds } from './example-subject.ts';
import { createExampleRepository } from './examples.repository.ts';

const PUBLIC_LIMIT = 50;

/**
 * The public examples page of a district, street or community (no account): the published
 * examples below it, as they were published — title, story, community, handling unit, date and
 * the ids of the chosen photos. Nothing else of the case or visit leaves the server.
 */
export async function publicExamples(db: Kysely<DB>, regionId: string): Promise<PublicExampleList> {
  const repo = createExampleRepository(db);
  const place = await repo.publicPlace(regionId);
  if (!place) throw new AppError('NOT_FOUND', 'No such district, street or community.');
  const rows = await repo.published(place.district_code, place.path, PUBLIC_LIMIT);
  return {
    place: place.name,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      story: r.story,
      place: r.place_name ?? '',
      unit: r.unit_name,
      publishedAt: new Date(r.published_at as Date).toISOString(),
      photoIds: chosenPhotoIds(r.photos),
    })),
  };
}

/** A photo of a published example, only if it was chosen for it (the public page's images). */
export async function publicExamplePhoto(
  db: Kysely<DB>,
  store: AttachmentStore,
  exampleId: string,
  photoId: string,
): Promise<StoredFile> {
  const repo = createExampleRepository(db);
  const example = await repo.publishedById(exampleId);
  if (!example || !chosenPhotoIds(example.photos).includes(photoId))
    throw new AppError('NOT_FOUND', 'No such photo.');
  const photos = await repo.photosOf(example.district_code, example.subject_kind, example.subject_id);
  const photo = photos.find((p) => p.id === photoId);
  const file = photo ? await store.open(photo.storage_key) : null;
  if (!photo || !file) throw new AppError('NOT_FOUND', 'No such photo.');
  return { fileName: photo.file_name, contentType: photo.content_type, size: file.size, stream: file.stream };
}
