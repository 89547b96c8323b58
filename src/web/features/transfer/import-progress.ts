import {
  type ImportProgress,
  importProgressSchema,
  isFinalImportState,
} from '../../../shared/domain/transfer.ts';

/**
 * Follows a reserved import run's server-sent progress until it is over; returns the function
 * that stops following. The stream is closed on the run's last event, or the browser would
 * reconnect to a finished run; a lost stream only leaves the bar where it was (the upload's own
 * answer still tells the outcome).
 */
export function followImportProgress(
  runId: string,
  onProgress: (progress: ImportProgress) => void,
): () => void {
  const source = new EventSource(`/api/v1/imports/${encodeURIComponent(runId)}/progress`);
  source.onmessage = (event: MessageEvent<string>) => {
    const parsed = importProgressSchema.safeParse(JSON.parse(event.data));
    if (!parsed.success) return;
    onProgress(parsed.data);
    if (isFinalImportState(parsed.data.state)) source.close();
  };
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) source.close();
  };
  return () => source.close();
}

/** The bar's percentage: writing is the measured part; reading the file shows as not started. */
export function progressPercent(progress: ImportProgress | null): number {
  if (!progress) return 0;
  if (progress.state === 'done') return 100;
  if (progress.state !== 'writing' || !progress.total) return 0;
  return Math.floor((progress.done / progress.total) * 100);
}
