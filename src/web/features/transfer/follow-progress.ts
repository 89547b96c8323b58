import {
  isFinalProgressState,
  type Progress,
  type ProgressOperation,
  progressSchema,
} from '../../../shared/domain/progress.ts';

/**
 * Follows a reserved import or export run's server-sent progress until it is over; returns the
 * function that stops following. The stream is closed on the run's last event, or the browser
 * would reconnect to a finished run; a lost stream only leaves the bar where it was (the upload's
 * or download's own answer still tells the outcome).
 */
export function followProgress(
  operation: ProgressOperation,
  runId: string,
  onProgress: (progress: Progress) => void,
): () => void {
  const source = new EventSource(`/api/v1/${operation}s/${encodeURIComponent(runId)}/progress`);
  source.onmessage = (event: MessageEvent<string>) => {
    const parsed = progressSchema.safeParse(JSON.parse(event.data));
    if (!parsed.success) return;
    onProgress(parsed.data);
    if (isFinalProgressState(parsed.data.state)) source.close();
  };
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) source.close();
  };
  return () => source.close();
}

/** The bar's percentage: writing is the measured part; reading or counting shows as not started. */
export function progressPercent(progress: Progress | null): number {
  if (!progress) return 0;
  if (progress.state === 'done') return 100;
  if (progress.state !== 'writing' || !progress.total) return 0;
  return Math.floor((progress.done / progress.total) * 100);
}

/** An export's URL naming the run that follows its progress. */
export function withProgressId(path: string, runId: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}progressId=${encodeURIComponent(runId)}`;
}
