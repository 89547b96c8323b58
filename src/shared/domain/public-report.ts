import { z } from 'zod';

/**
 * What the public QR code form sees: where a code reports to, and what it answers after a report
 * (the number and the status page's path; a resident never sees ids or the case workflow itself).
 */
export const publicRegionSchema = z.object({
  name: z.string(),
  level: z.enum(['community', 'grid']),
  /** The names from the district down to the region itself. */
  path: z.array(z.string()),
  /** Whether the district asks a resident to confirm their phone by an SMS code (public-entry.ts). */
  phoneVerification: z.boolean(),
});
export type PublicRegion = z.infer<typeof publicRegionSchema>;

export const publicReportReceiptSchema = z
  .object({
    number: z.string(),
    /**
     * The resident's status page (`/s/<token>`, issue 15 §2); null only when a replayed report's
     * link was revoked meanwhile.
     */
    statusPath: z.string().nullable(),
  })
  .strict();
export type PublicReportReceipt = z.infer<typeof publicReportReceiptSchema>;
