import {
  backoffDelay,
  type OutboxStore,
  type SyncOutcome,
  type SyncTransport,
  syncOnce,
} from './sync-core.ts';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'waiting';

export interface SyncEngine {
  start(): void;
  stop(): void;
  /** Sends what is due now (ignored while offline or while a pass runs). */
  flush(): Promise<void>;
  phase(): SyncPhase;
  /** Called after every change of phase and after each pass (the outbox may have changed). */
  subscribe(listener: () => void): () => void;
}

interface Environment {
  isOnline(): boolean;
  addOnlineListener(listener: () => void): () => void;
  setTimer(callback: () => void, ms: number): () => void;
  now(): number;
  /** Runs `work` when no other pass over the same outbox runs, in this page or another tab. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

const SYNC_LOCK = 'minqing-field-sync';
let passes: Promise<unknown> = Promise.resolve();

/**
 * One pass over the outbox at a time. Several engines can be alive at once (the field app's pages
 * each mount one, a second tab has its own); two passes together would send the same photo twice
 * and the second would meet the first still running (409) and wait to retry. The Web Locks API
 * spans tabs; without it (an insecure origin) the passes of this page queue up behind each other.
 */
async function exclusivePass<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks) return await locks.request(SYNC_LOCK, work);
  const next = passes.then(work, work);
  passes = next.catch(() => undefined);
  return next;
}

const browserEnvironment: Environment = {
  isOnline: () => navigator.onLine,
  addOnlineListener(listener) {
    window.addEventListener('online', listener);
    window.addEventListener('offline', listener);
    return () => {
      window.removeEventListener('online', listener);
      window.removeEventListener('offline', listener);
    };
  },
  setTimer(callback, ms) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
  now: () => Date.now(),
  exclusive: exclusivePass,
};

/**
 * Runs the outbox: flushes on start, whenever the browser says the network is back, and on a
 * back-off timer after transient failures. It does not rely on Background Sync (not in every
 * browser, and it would send after the person signed out): the queue moves while the app is open.
 */
export function createSyncEngine(
  store: OutboxStore,
  transport: SyncTransport,
  userId: string,
  env: Environment = browserEnvironment,
): SyncEngine {
  const listeners = new Set<() => void>();
  let phase: SyncPhase = env.isOnline() ? 'idle' : 'offline';
  let running: Promise<void> | null = null;
  let stopped = true;
  let failures = 0;
  let cancelTimer: (() => void) | null = null;
  let removeOnline: (() => void) | null = null;

  const emit = () => {
    for (const listener of [...listeners]) listener();
  };
  const setPhase = (next: SyncPhase) => {
    phase = next;
    emit();
  };

  const schedule = (ms: number) => {
    cancelTimer?.();
    cancelTimer = env.setTimer(() => {
      cancelTimer = null;
      void flush();
    }, ms);
  };

  const afterPass = async (outcome: SyncOutcome) => {
    if (outcome.unauthenticated) {
      setPhase('idle');
      return;
    }
    failures = outcome.retry ? failures + 1 : 0;
    const nextAt = await store.nextRetryAt(userId);
    if (stopped) return;
    if (outcome.retry) schedule(backoffDelay(failures));
    else if (nextAt !== null) schedule(Math.max(1_000, nextAt - env.now()));
    setPhase(outcome.retry || nextAt !== null ? 'waiting' : 'idle');
  };

  async function flush(): Promise<void> {
    if (stopped) return;
    if (!env.isOnline()) {
      setPhase('offline');
      return;
    }
    if (running) return running;
    setPhase('syncing');
    running = (async () => {
      try {
        const outcome = await env.exclusive(() => syncOnce(store, transport, userId, env.now));
        if (!stopped) await afterPass(outcome);
      } catch {
        // IndexedDB trouble (e.g. wiped under us at sign-out): try again later if still running.
        if (!stopped) {
          failures += 1;
          schedule(backoffDelay(failures));
          setPhase('waiting');
        }
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      removeOnline = env.addOnlineListener(() => {
        if (env.isOnline()) {
          failures = 0;
          void flush();
        } else setPhase('offline');
      });
      void flush();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
      removeOnline?.();
      removeOnline = null;
    },
    flush,
    phase: () => phase,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
