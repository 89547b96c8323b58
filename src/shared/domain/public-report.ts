import { z } from 'zod';

/**
 * What the public QR code form sees: where a code reports to, and what it answers after a report
 * (the number only; a resident never sees ids or anything of the case workflow).
 */
export const publicRegionSchema = z.object({
  name: z.string(),
  level: z.enum(['community', 'grid']),
  /** The names from the district down to the region itself. */
  path: z.array(z.string()),
});
export type PublicRegion = z.infer<typeof publicRegionSchema>;

export const publicReportReceiptSchema = z.object({ number: z.string() }).strict();
