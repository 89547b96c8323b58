import { z } from 'zod';
import { LEDGER_STAGES } from '../cases/ledger.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { caseStateSchema } from './case.ts';

/** The enterprise ledger (入账 / 理账 / 结账 / 督账) as the API speaks it. */
export const ledgerStageSchema = z.enum(LEDGER_STAGES);

export const ledgerQuerySchema = z
  .object({
    stage: ledgerStageSchema.optional(),
    enterpriseId: z.uuid().optional(),
    /** The cohort: cases created from / to these days (China time), both included. */
    createdFrom: calendarDaySchema.optional(),
    createdTo: calendarDaySchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    after: z.string().max(200).optional(),
  })
  .strict();
export type LedgerQuery = z.infer<typeof ledgerQuerySchema>;

export const ledgerItemSchema = z.object({
  caseId: z.uuid(),
  number: z.string(),
  title: z.string(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  stage: ledgerStageSchema,
  state: caseStateSchema,
  createdAt: z.string(),
  nextDueAt: z.string().nullable(),
});
export type LedgerItem = z.infer<typeof ledgerItemSchema>;

/** Figures over the caller's scope and the query's enterprise and period (docs/specs/workflow.md "Figures"). */
export const ledgerFiguresSchema = z.object({
  stages: z.object({
    entered: z.number().int(),
    handling: z.number().int(),
    settled: z.number().int(),
    supervising: z.number().int(),
  }),
  received: z.number().int(),
  closed: z.number().int(),
  /** closed ÷ (received − rejected − merged − cancelled); null when nothing counts. */
  closureRate: z.number().nullable(),
  rated: z.number().int(),
  /** (satisfied + basically satisfied) ÷ rated, by each case's latest rating; null when none. */
  satisfactionRate: z.number().nullable(),
});
export type LedgerFigures = z.infer<typeof ledgerFiguresSchema>;

export const ledgerPageSchema = z.object({
  items: z.array(ledgerItemSchema),
  next: z.string().nullable(),
  total: z.number().int(),
  figures: ledgerFiguresSchema,
});
export type LedgerPage = z.infer<typeof ledgerPageSchema>;
