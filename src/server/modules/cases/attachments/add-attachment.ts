import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { availableActions, type CaseState, TERMINAL_STATES } from '../../../../shared/cases/workflow.ts';
import { AppError } from '../../../../shared/errors/app-error.ts';
import { stripUnsafeNameCharacters } from '../../../../shared/validation/text.ts';
import { runTransaction } from '../../../db/retry.ts';
import type { DB } from '../../../db/schema.ts';
import { caseScopeFor } from '../../auth/scope.ts';
import { caseActor, caseFacts } from '../case-actor.ts';
import { auditCaseRecord } from '../case-change.ts';
import { createCaseWorkRepository } from '../case-work.repository.ts';
import type { CaseWriteContext } from '../case-write-context.ts';
import { type CaseRow, createCaseRepository } from '../cases.repository.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { type CaseAttachment, createAttachmentRepository } from './attachments.repository.ts';
import { type AttachmentType, stripMetadata } from './strip-metadata.ts';

export interface NewAttachment {
  caseId: string;
  fileName: string;
  /** The raw request body; undefined or empty when nothing was sent. */
  body: Buffer | undefined;
}

/**
 * Who may add a file to a case: whoever the workflow lets act on it now (the dispatcher, the
 * first responder, the handling unit, a supervisor with something to decide); reading is not
 * enough. A closed, rejected, merged or cancelled case takes no more files.
 */
async function checkMayAttach(db: Kysely<DB>, ctx: CaseWriteContext, row: CaseRow): Promise<void> {
  if (TERMINAL_STATES.has(row.state as CaseState))
    throw new AppError('CASE_WRONG_STATE', `A ${row.state} case takes no more attachments.`);
  const tasks = await createCaseWorkRepository(db).openTaskDepartments(row.district_code, row.id);
  if (availableActions(caseFacts(row), caseActor(ctx.principal, row, tasks)).length === 0)
    throw new AppError('FORBIDDEN', 'Only someone working on the case may add files to it.');
}

/** The one extension each accepted type is stored and served with. */
const EXTENSIONS: Record<AttachmentType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'application/pdf': '.pdf',
};

export function extensionFor(contentType: string): string {
  return EXTENSIONS[contentType as AttachmentType] ?? '';
}

/**
 * A file name safe to store and to offer back: no path, no control or bidirectional formatting
 * characters (`\u202E` would make `photo\u202Egpj.html` read as `photohtml.jpg`), and only the
 * extension of the type its bytes were found to be — `evil.html` holding a JPEG is `evil.jpg`.
 * Also applied when serving, so names stored before this rule leave clean.
 */
export function cleanFileName(name: string, contentType: string): string {
  const extension = extensionFor(contentType);
  const base = stripUnsafeNameCharacters(name.split(/[\\/]/).pop() ?? '').replace(/"/g, '');
  const stem = base
    .trim()
    .replace(/\.[A-Za-z0-9]{1,10}$/, '')
    .replace(/[.\s]+$/, '');
  return `${[...(stem || 'attachment')].slice(0, 200 - extension.length).join('')}${extension}`;
}

/**
 * Adds a file to a case's record. The file's type is decided by its bytes; photos lose their
 * metadata (GPS position, device, comments) before anything is stored. The bytes go to the
 * attachment store first; the row and its audit row then commit together, and a failed commit
 * removes the file again. An attachment is not a workflow step: no event, no version change.
 */
export async function addAttachment(
  ctx: CaseWriteContext & { store: AttachmentStore },
  input: NewAttachment,
): Promise<CaseAttachment> {
  const scope = caseScopeFor(ctx.principal);
  const row = await createCaseRepository(ctx.db).findInScope(scope, input.caseId);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  await checkMayAttach(ctx.db, ctx, row);
  if (!input.body || input.body.length === 0)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file (JPEG, PNG or PDF) as the request body.');
  const clean = stripMetadata(input.body);
  const id = uuidv7();
  const fileName = cleanFileName(input.fileName, clean.contentType);
  const sha256 = createHash('sha256').update(clean.bytes).digest('hex');
  const key = await ctx.store.put(row.district_code, id, ctx.now, clean.bytes);
  try {
    await runTransaction(ctx.db, async (trx) => {
      // Locked and checked again: the case may have closed while the file was being written.
      const locked = await createCaseRepository(trx).lockInScope(scope, input.caseId);
      if (!locked) throw new AppError('NOT_FOUND', 'No such case.');
      await checkMayAttach(trx, ctx, locked);
      await createAttachmentRepository(trx).insert({
        district_code: row.district_code,
        id,
        case_id: row.id,
        event_id: null,
        file_name: fileName,
        content_type: clean.contentType,
        size_bytes: clean.bytes.length,
        sha256,
        storage_key: key,
        uploaded_by: ctx.principal.userId,
        created_at: ctx.now,
      });
      await auditCaseRecord(trx, ctx.actor, row, 'attachment_added', {
        attachment: id,
        fileName,
        contentType: clean.contentType,
        sizeBytes: clean.bytes.length,
        sha256,
        // What the upload carried before its metadata was removed, for the record.
        receivedBytes: input.body?.length ?? 0,
      });
    });
  } catch (error) {
    await ctx.store.remove(key).catch(() => undefined);
    throw error;
  }
  return {
    id,
    fileName,
    contentType: clean.contentType,
    sizeBytes: clean.bytes.length,
    createdAt: ctx.now.toISOString(),
  };
}
