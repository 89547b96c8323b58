import { z } from 'zod';

export const auditQuerySchema = z
  .object({
    action: z.string().trim().max(64).optional(),
    actor: z.string().trim().max(64).optional(),
    result: z.enum(['success', 'failure', 'denied']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** Rows older than this sequence number (keyset paging, newest first). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

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

export const auditPageSchema = z.object({
  items: z.array(auditRowSchema),
  next: z.number().int().nullable(),
});
