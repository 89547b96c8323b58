import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { PUBLIC_PHOTO_MAX_BYTES, type PublicPhoto } from '../../../shared/domain/public-entry.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { cleanFileName } from '../cases/attachments/add-attachment.ts';
import type { AttachmentStore } from '../cases/attachments/attachment-store.ts';
import { createAttachmentRepository } from '../cases/attachments/attachments.repository.ts';
import { stripMetadata } from '../cases/attachments/strip-metadata.ts';

/** A resident's photo after cleaning: JPEG or PNG without its metadata, ready to store. */
export interface CleanPhoto {
  fileName: string;
  contentType: 'image/jpeg' | 'image/png';
  bytes: Buffer;
  sha256: string;
  receivedBytes: number;
}

/** A photo the store holds, waiting for its case's transaction to commit its row. */
export interface StoredPhoto extends CleanPhoto {
  id: string;
  key: string;
}

/**
 * Decodes and cleans the photos of a public report exactly as a staff upload is cleaned
 * (strip-metadata.ts: the type from the bytes, EXIF/GPS/XMP dropped), before anything is stored.
 * The public form takes photos only: a PDF is refused like any other file.
 */
export function cleanPublicPhotos(photos: readonly PublicPhoto[]): CleanPhoto[] {
  return photos.map((photo, i) => {
    const raw = Buffer.from(photo.data, 'base64');
    if (raw.length > PUBLIC_PHOTO_MAX_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', `Photo ${i + 1} is larger than 1.5 MiB; send a smaller one.`);
    const clean = stripMetadata(raw);
    if (clean.contentType !== 'image/jpeg' && clean.contentType !== 'image/png')
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Attach JPEG or PNG photos only.');
    return {
      fileName: cleanFileName(photo.fileName ?? `photo-${i + 1}`, clean.contentType),
      contentType: clean.contentType,
      bytes: clean.bytes,
      sha256: createHash('sha256').update(clean.bytes).digest('hex'),
      receivedBytes: raw.length,
    };
  });
}

/** Writes the cleaned photos to the store (before the case's transaction, as staff uploads do). */
export async function storePublicPhotos(
  store: AttachmentStore,
  districtCode: string,
  now: Date,
  photos: readonly CleanPhoto[],
): Promise<StoredPhoto[]> {
  const stored: StoredPhoto[] = [];
  try {
    for (const photo of photos) {
      const id = uuidv7();
      stored.push({ ...photo, id, key: await store.put(districtCode, id, now, photo.bytes) });
    }
  } catch (error) {
    await removeStoredPhotos(store, stored);
    throw error;
  }
  return stored;
}

/** Removes stored photos whose case did not commit. */
export async function removeStoredPhotos(
  store: AttachmentStore,
  photos: readonly StoredPhoto[],
): Promise<void> {
  await Promise.all(photos.map((p) => store.remove(p.key).catch(() => undefined)));
}

/**
 * The photos' rows, with the new case (held in its batch when it is written in one statement);
 * staff see them as the case's attachments.
 */
export async function insertPublicPhotoRows(
  trx: Kysely<DB>,
  districtCode: string,
  caseId: string,
  now: Date,
  photos: readonly StoredPhoto[],
  batch?: WriteBatch,
): Promise<void> {
  await createAttachmentRepository(trx).insertMany(
    photos.map((photo) => ({
      district_code: districtCode,
      id: photo.id,
      case_id: caseId,
      event_id: null,
      file_name: photo.fileName,
      content_type: photo.contentType,
      size_bytes: photo.bytes.length,
      sha256: photo.sha256,
      storage_key: photo.key,
      uploaded_by: null,
      created_at: now,
    })),
    batch,
  );
}
