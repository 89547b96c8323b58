/**
 * A job the server runs on a timer, the one way every scheduled job (backups, retention, audit
 * checkpoints, statistics) runs: never two runs at once (a tick while one runs is skipped), a
 * failure is reported to `onError` and never thrown, timers are unref'd so they never keep the
 * process alive, and `stop` waits for a run in progress so the database is never closed under it.
 */
export interface PeriodicJob {
  /** Starts a run now unless one is running; resolves when the current run ends. */
  runNow(): Promise<void>;
  /** Clears the timers and waits for a run in progress. */
  stop(): Promise<void>;
}

export function schedulePeriodic(options: {
  /** Delay before the first run (0: at once). */
  firstDelayMs: number;
  intervalMs: number;
  task: () => Promise<void>;
  onError: (error: unknown) => void;
}): PeriodicJob {
  let running: Promise<void> | undefined;
  const runNow = (): Promise<void> => {
    running ??= (async () => {
      try {
        await options.task();
      } catch (error) {
        options.onError(error);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void runNow();
    interval = setInterval(() => void runNow(), options.intervalMs);
    interval.unref();
  }, options.firstDelayMs);
  first.unref();
  return {
    runNow,
    async stop() {
      clearTimeout(first);
      if (interval) clearInterval(interval);
      await running;
    },
  };
}
