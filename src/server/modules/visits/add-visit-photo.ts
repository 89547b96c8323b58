import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { VisitPhoto } from '../../../shared/domain/visit.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { cleanFileName } from '../cases/attachments/add-attachment.ts';
import type { AttachmentStore } from '../cases/attachments/attachment-store.ts';
import { stripMetadata } from '../cases/attachments/strip-metadata.ts';
import { type IdempotentResult, idempotent } from '../cases/idempotency.ts';
import { visibleVisit, visitActions, visitorIdsOf } from './visit-access.ts';
import { createVisitRepository } from './visits.repository.ts';

export interface VisitPhotoContext {
  db: Kysely<DB>;
  principal: Principal;
  actor: AuditActor;
  now: Date;
  store: AttachmentStore;
  idempotencyDays: number;
}

export interface NewVisitPhoto {
  visitId: string;
  fileName: string;
  /** The raw request body; undefined or empty when nothing was sent. */
  body: Buffer | undefined;
  /** The Idempotency-Key: the field app resends a queued photo until it hears back. */
  key: string | undefined;
}

/**
 * Adds a photo to a visit: its visitors, or whoever may record visits where it was held. The type
 * comes from the bytes (JPEG or PNG only) and the metadata a phone writes (GPS position, device) is
 * removed before anything is stored. The bytes go to the attachment store first; the row, the
 * stored idempotent answer and the audit row commit together, and a failed commit removes the file.
 */
export async function addVisitPhoto(
  ctx: VisitPhotoContext,
  input: NewVisitPhoto,
): Promise<IdempotentResult<VisitPhoto>> {
  const visit = await visibleVisit(ctx.db, ctx.principal, input.visitId);
  const visitors = await visitorIdsOf(ctx.db, visit);
  if (!(await visitActions(ctx.db, ctx.principal, visit, visitors, ctx.now)).includes('add_photo'))
    throw new AppError(
      'FORBIDDEN',
      'Only the visitors or a colleague of the area may add photos to a visit.',
    );
  if (!input.body || input.body.length === 0)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the photo (JPEG or PNG) as the request body.');
  const clean = stripMetadata(input.body);
  if (clean.contentType === 'application/pdf')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'A visit takes photos only (JPEG or PNG).');
  const received = createHash('sha256').update(input.body).digest('hex');
  return idempotent<VisitPhoto>(
    ctx.db,
    {
      ref: { districtCode: visit.district_code, owner: ctx.principal.userId },
      key: input.key,
      body: { visitPhoto: visit.id, name: input.fileName, sha256: received },
      days: ctx.idempotencyDays,
      status: 201,
    },
    async (complete) => {
      const id = uuidv7();
      const fileName = cleanFileName(input.fileName, clean.contentType);
      const sha256 = createHash('sha256').update(clean.bytes).digest('hex');
      const storageKey = await ctx.store.put(visit.district_code, id, ctx.now, clean.bytes);
      const photo: VisitPhoto = {
        id,
        fileName,
        contentType: clean.contentType,
        sizeBytes: clean.bytes.length,
        uploadedBy: { id: ctx.principal.userId, displayName: ctx.principal.displayName },
        createdAt: ctx.now.toISOString(),
      };
      try {
        await runTransaction(ctx.db, async (trx) => {
          await createVisitRepository(trx).insertPhoto({
            district_code: visit.district_code,
            id,
            visit_id: visit.id,
            file_name: fileName,
            content_type: clean.contentType,
            size_bytes: clean.bytes.length,
            sha256,
            storage_key: storageKey,
            uploaded_by: ctx.principal.userId,
            created_at: ctx.now,
          });
          await complete(trx, photo);
          await audit(trx, ctx.actor, {
            action: 'visit.photo_added',
            result: 'success',
            objectType: 'visit',
            objectId: visit.id,
            detail: {
              photo: id,
              fileName,
              contentType: clean.contentType,
              sizeBytes: clean.bytes.length,
              sha256,
              // What the upload carried before its metadata was removed, for the record.
              receivedBytes: input.body?.length ?? 0,
            },
          });
        });
      } catch (error) {
        await ctx.store.remove(storageKey).catch(() => undefined);
        throw error;
      }
      return photo;
    },
  );
}
