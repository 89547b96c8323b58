import { z } from 'zod';
import { caseStateSchema } from './case.ts';

/**
 * The 12345 hotline's API shapes (issue 15 §4, docs/specs/residents-and-intake.md "The 12345
 * hotline"): the platform's push, the file import's row report, and the staff page's order list.
 */

/**
 * What a platform pushes: one work order, its fields as the export names them. Text fields stay
 * strings (length and content are checked as for an imported row, into the same refusals).
 */
export const hotlinePushSchema = z
  .object({
    districtCode: z.string().regex(/^\d{6}$/),
    orderNumber: z.string().min(1).max(64),
    receivedAt: z.string().min(1).max(40),
    caller: z.string().max(50).optional(),
    phone: z.string().max(40).optional(),
    address: z.string().max(200).optional(),
    content: z.string().min(1).max(4000),
    category: z.string().max(100).optional(),
    deadline: z.string().max(40).optional(),
  })
  .strict();
export type HotlinePush = z.infer<typeof hotlinePushSchema>;

export const HOTLINE_OUTCOMES = ['created', 'existing', 'refused'] as const;
export type HotlineOutcome = (typeof HOTLINE_OUTCOMES)[number];

/** Why an order was refused: the field at fault and a stable reason. */
export const HOTLINE_REFUSALS = [
  'order_number.missing',
  'order_number.too_long',
  'received_at.invalid',
  'deadline.invalid',
  'content.missing',
  'text.invalid',
] as const;
export type HotlineRefusal = (typeof HOTLINE_REFUSALS)[number];

export const hotlineTakeInSchema = z.object({
  outcome: z.enum(HOTLINE_OUTCOMES),
  orderNumber: z.string(),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  reason: z.enum(HOTLINE_REFUSALS).nullable(),
});
export type HotlineTakeIn = z.infer<typeof hotlineTakeInSchema>;

export const hotlineImportReportSchema = z.object({
  counts: z.object({ created: z.number().int(), existing: z.number().int(), refused: z.number().int() }),
  rows: z.array(hotlineTakeInSchema.extend({ row: z.number().int() })),
});
export type HotlineImportReport = z.infer<typeof hotlineImportReportSchema>;

export const HOTLINE_PUSH_STATES = ['none', 'pending', 'delivered', 'failed'] as const;
export type HotlinePushState = (typeof HOTLINE_PUSH_STATES)[number];

export const hotlineOrderSchema = z.object({
  orderNumber: z.string(),
  source: z.enum(['import', 'webhook']),
  receivedAt: z.string(),
  deadlineAt: z.string().nullable(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  caseState: caseStateSchema,
  title: z.string(),
  /** The latest push-back message's delivery: none yet, waiting (retrying), delivered, given up. */
  push: z.enum(HOTLINE_PUSH_STATES),
  pushError: z.string().nullable(),
});
export type HotlineOrder = z.infer<typeof hotlineOrderSchema>;

export const hotlineOrderListSchema = z.object({ items: z.array(hotlineOrderSchema) });
export type HotlineOrderList = z.infer<typeof hotlineOrderListSchema>;

export const HOTLINE_LIST_LIMIT = 200;
