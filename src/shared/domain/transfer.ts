import { z } from 'zod';
import { textSchema } from '../validation/text.ts';
import { progressQueryShape } from './progress.ts';
import { tagCodeSchema } from './tags.ts';

/**
 * Bulk data in and out: the kinds that can be imported and exported (one spreadsheet format per
 * kind, so an export re-imports unchanged), the approval records a personal-data export needs
 * (docs/specs/trust.md §15), and the web import's runs.
 */
export const TRANSFER_KINDS = ['hierarchy', 'households', 'enterprises', 'staff'] as const;
export const transferKindSchema = z.enum(TRANSFER_KINDS);
export type TransferKind = z.infer<typeof transferKindSchema>;

/** Kinds with personal fields (ID numbers, phones): exported in full only with an approved request. */
export const PERSONAL_KINDS = ['households', 'enterprises', 'staff'] as const;
export const personalKindSchema = z.enum(PERSONAL_KINDS);
export type PersonalKind = z.infer<typeof personalKindSchema>;

export const isPersonalKind = (kind: TransferKind): kind is PersonalKind =>
  (PERSONAL_KINDS as readonly string[]).includes(kind);

/** How long an approval may be used. */
export const APPROVAL_VALID_HOURS = 24;
export const REASON_MIN = 10;
export const REASON_MAX = 500;
export const NOTE_MAX = 500;

export const transferKindParams = z.object({ kind: transferKindSchema }).strict();

export const exportQuerySchema = z
  .object({
    /** The region to export; the caller's whole scope when omitted (the request's region with requestId). */
    regionId: z.uuid().optional(),
    /** Households or enterprises carrying this tag only (what their list shows). */
    tag: tagCodeSchema.optional(),
    /** An approved export request of the caller: personal fields are then exported in full. */
    requestId: z.uuid().optional(),
    ...progressQueryShape,
  })
  .strict();

export const EXPORT_REQUEST_STATUSES = ['pending', 'approved', 'refused', 'used', 'expired'] as const;
export const exportRequestStatusSchema = z.enum(EXPORT_REQUEST_STATUSES);
export type ExportRequestStatus = z.infer<typeof exportRequestStatusSchema>;

export const exportRequestActionSchema = z.enum(['approve', 'refuse', 'download']);
export type ExportRequestAction = z.infer<typeof exportRequestActionSchema>;

export const createExportRequestSchema = z
  .object({
    kind: personalKindSchema,
    regionId: z.uuid(),
    reason: textSchema(REASON_MAX, REASON_MIN),
  })
  .strict();

export const approveExportRequestSchema = z.object({ note: textSchema(NOTE_MAX, 0).optional() }).strict();

export const refuseExportRequestSchema = z.object({ note: textSchema(NOTE_MAX, 2) }).strict();

export const exportRequestSchema = z.object({
  id: z.uuid(),
  kind: personalKindSchema,
  regionId: z.uuid(),
  regionName: z.string(),
  reason: z.string(),
  /** `expired`: approved, but not used within its validity. */
  status: exportRequestStatusSchema,
  requestedBy: z.object({ id: z.uuid(), name: z.string() }),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  expiresAt: z.string().nullable(),
  usedAt: z.string().nullable(),
  /** What the signed-in user may do with it; the UI shows only these. */
  actions: z.array(exportRequestActionSchema),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

export const exportRequestListSchema = z.object({ items: z.array(exportRequestSchema) });

export const importCountsSchema = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

/** One import's outcome, the same for every kind (server: ImportResult in import-kinds.ts). */
export const importResultSchema = z.object({
  kind: transferKindSchema,
  fileName: z.string(),
  districtCode: z.string().nullable(),
  rows: z.number().int(),
  counts: z.record(z.string(), importCountsSchema),
  issueCount: z.number().int(),
  ms: z.number(),
});
export type ImportResultView = z.infer<typeof importResultSchema>;

export const importUploadQuerySchema = z
  .object({
    fileName: textSchema(200).optional(),
    /** A run reserved for this upload (POST /api/v1/imports/:kind/runs), to watch its progress. */
    runId: z.uuid().optional(),
  })
  .strict();

export const importRunSchema = z.object({
  id: z.uuid(),
  kind: transferKindSchema,
  fileName: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  result: importResultSchema,
  hasReport: z.boolean(),
});
export type ImportRun = z.infer<typeof importRunSchema>;

export const importRunListSchema = z.object({ items: z.array(importRunSchema) });

export const importUploadResponseSchema = z.object({ runId: z.uuid(), result: importResultSchema });

/** What the web upload accepts; the content is sniffed as well (an XLSX is a ZIP archive). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';
