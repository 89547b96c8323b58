import type { ReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import { AppError } from '../../../../shared/errors/app-error.ts';
import type { DB } from '../../../db/schema.ts';
import type { Principal } from '../../auth/principal.ts';
import { caseScopeFor } from '../../auth/scope.ts';
import { createCaseRepository } from '../cases.repository.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { createAttachmentRepository } from './attachments.repository.ts';

export interface AttachmentFile {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  stream: ReadStream;
}

/** One attachment of a case the caller reaches (anyone who may read the case may read its files). */
export async function readAttachment(
  db: Kysely<DB>,
  store: AttachmentStore,
  principal: Principal,
  caseId: string,
  attachmentId: string,
): Promise<AttachmentFile> {
  const row = await createCaseRepository(db).findInScope(caseScopeFor(principal), caseId);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  const found = await createAttachmentRepository(db).find(row.district_code, row.id, attachmentId);
  if (!found) throw new AppError('NOT_FOUND', 'No such attachment.');
  const file = await store.open(found.storage_key);
  // The row is there but the file is not: a restore without the attachment directory.
  if (!file) throw new AppError('NOT_FOUND', 'The file of this attachment is missing from the server.');
  return {
    fileName: found.file_name,
    contentType: found.content_type,
    size: file.size,
    sha256: found.sha256,
    stream: file.stream,
  };
}
