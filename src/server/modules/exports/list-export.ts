import type { Kysely } from 'kysely';
import type { AuditAction } from '../../../shared/domain/audit.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';

/** A file's date stamp: the China day of `now` as YYYYMMDD (staff read dates in China time). */
export function fileDay(now: Date): string {
  return cstDay(now).replaceAll('-', '');
}

/** A list export's file names, dated: 民情日记-20261205.xlsx / visits-20261205.xlsx. */
export function listExportFileName(utf8Base: string, asciiBase: string, now: Date) {
  const day = fileDay(now);
  return { utf8: `${utf8Base}-${day}.xlsx`, ascii: `${asciiBase}-${day}.xlsx` };
}

/**
 * Audits the export of a list that holds no personal data (cases, the visit diary, opinions)
 * before a byte leaves: no audit, no export. Such a file needs no approval, like the list itself.
 */
export async function auditListExport(
  db: Kysely<DB>,
  actor: AuditActor,
  entry: { action: AuditAction; regionId: string | undefined; rows: number; detail: Record<string, unknown> },
): Promise<void> {
  await runTransaction(db, (trx) =>
    audit(trx, actor, {
      action: entry.action,
      result: 'success',
      objectType: 'region',
      ...(entry.regionId ? { objectId: entry.regionId } : {}),
      detail: { rows: entry.rows, personal: false, ...entry.detail },
    }),
  );
}

/** The period filters of a list, as an export's audit detail names them. */
export function periodDetail(filter: { from?: Date | undefined; to?: Date | undefined }) {
  return {
    ...(filter.from ? { from: filter.from.toISOString() } : {}),
    ...(filter.to ? { to: filter.to.toISOString() } : {}),
  };
}
