import type { Insertable, Kysely } from 'kysely';
import type { z } from 'zod';
import type { caseAttachmentSchema } from '../../../../shared/domain/case.ts';
import type { CaseAttachmentTable, DB } from '../../../db/schema.ts';
import { type WriteBatch, writeOrHold } from '../../../db/write-batch.ts';

export type CaseAttachment = z.infer<typeof caseAttachmentSchema>;

/** All SQL about case attachments (the rows; the bytes are in the attachment store). */
export function createAttachmentRepository(db: Kysely<DB>) {
  return {
    async insert(row: Insertable<CaseAttachmentTable>): Promise<void> {
      await db.insertInto('case_attachment').values(row).execute();
    },

    /** Several rows at once; held in the change's batch when it has one (db/write-batch.ts). */
    async insertMany(rows: readonly Insertable<CaseAttachmentTable>[], batch?: WriteBatch): Promise<void> {
      if (rows.length > 0) await writeOrHold(batch, db.insertInto('case_attachment').values([...rows]));
    },

    /** One attachment of a case (the caller has checked the case is in scope). */
    find(districtCode: string, caseId: string, id: string) {
      return db
        .selectFrom('case_attachment')
        .select(['id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'storage_key'])
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}

/** A case's attachments in upload order, as the case page shows them. */
export async function listAttachments(
  db: Kysely<DB>,
  districtCode: string,
  caseId: string,
): Promise<CaseAttachment[]> {
  const rows = await db
    .selectFrom('case_attachment')
    .select(['id', 'file_name', 'content_type', 'size_bytes', 'created_at'])
    .where('district_code', '=', districtCode)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
