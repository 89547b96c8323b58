import { z } from 'zod';
import { instantSchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;

export const auditQuerySchema = z
  .object({
    /**
     * An action with the ones below it (`auth` or `auth.` lists every sign-in event;
     * `auth.password` only that one), or any beginning followed by `*`.
     */
    action: textSchema(64, 0).optional(),
    /** The actor's username, exactly. */
    actor: textSchema(64, 0).optional(),
    objectType: textSchema(32, 0).optional(),
    objectId: textSchema(64, 0).optional(),
    result: z.enum(AUDIT_RESULTS).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    /** Rows older than this sequence number (keyset paging, newest first). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditRowSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRoles: z.string().nullable(),
  scope: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.string(),
  sourceIp: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditRowSchema),
  next: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The action names the district's log holds, for the filter's choices. */
export const auditActionsSchema = z.object({ items: z.array(z.string()) });

/** The district's hash chain recomputed: intact, or where it first breaks. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  rowsChecked: z.number().int(),
  firstBreak: z
    .object({
      seq: z.number().int(),
      kind: z.enum([
        'missing_rows',
        'broken_link',
        'content_changed',
        'head_mismatch',
        'no_head',
        'downgraded',
        'checkpoint',
      ]),
      problem: z.string(),
    })
    .nullable(),
  breakCount: z.number().int(),
  checkedAt: z.string(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
