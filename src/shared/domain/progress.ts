import { z } from 'zod';

/**
 * Where a long operation the web app waits on stands (an import's upload, an export's download):
 * reserved (`waiting`), `reading` (an import reading its file, an export counting its rows),
 * `writing` (`done` of `total` records), then `done` or `failed` (with the error's code). Streamed
 * as server-sent events to the user who started it, and to no one else.
 */
export const PROGRESS_OPERATIONS = ['import', 'export'] as const;
export type ProgressOperation = (typeof PROGRESS_OPERATIONS)[number];

export const PROGRESS_STATES = ['waiting', 'reading', 'writing', 'done', 'failed'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];
/** The states a run ends in. */
export const FINAL_PROGRESS_STATES: readonly ProgressState[] = ['done', 'failed'];
export const isFinalProgressState = (state: ProgressState) => FINAL_PROGRESS_STATES.includes(state);

export const progressSchema = z.object({
  id: z.uuid(),
  operation: z.enum(PROGRESS_OPERATIONS),
  /** What is imported or exported (`households`, `cases`…); an export's is known once it starts. */
  kind: z.string().nullable(),
  state: z.enum(PROGRESS_STATES),
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  errorCode: z.string().nullable(),
});
export type Progress = z.infer<typeof progressSchema>;

/** A reserved run: pass its id with the upload or download, and follow it at its progress stream. */
export const progressReservationSchema = z.object({ id: z.uuid() });

/** An export's query names the caller's reserved run to report its progress to. */
export const progressQueryShape = { progressId: z.uuid().optional() };
