import { setTimeout as sleep } from 'node:timers/promises';

export interface ReadinessWait {
  /** Give up after this many milliseconds from the call. */
  timeoutMs: number;
  /** Pause between two asks (default 200 ms). */
  pollMs?: number;
  /** Why the server can no longer become ready (it exited), or undefined while it still can. */
  gone?: () => string | undefined;
}

/**
 * Asks `origin`/readyz until it answers 200: the one wait every suite that starts a real server
 * uses. A server that has printed its address may still shed requests (503 OVERLOADED) while its
 * start-up work keeps the event loop busy, and the suites are about what comes after. Throws with
 * the last answer when the server is gone or the time is up.
 */
export async function waitForReadyz(origin: string, options: ReadinessWait): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const res = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(10_000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return;
    } catch (error) {
      last = String(error);
    }
    const gone = options.gone?.();
    if (gone !== undefined) throw new Error(`the server ${gone} before it was ready (/readyz: ${last})`);
    if (Date.now() > deadline) {
      throw new Error(`the server was not ready within ${options.timeoutMs} ms (/readyz: ${last})`);
    }
    await sleep(options.pollMs ?? 200);
  }
}
