/**
 * Registers the service worker that precaches the app shell (built from src/web/sw.ts into
 * /sw.js), so the field app opens without a network. Only in a production build: the dev server
 * has no /sw.js. Failure is not fatal: the app then simply needs the network to open.
 */
export async function registerServiceWorker(): Promise<boolean> {
  const env = (import.meta as unknown as { env?: { PROD?: boolean } }).env;
  if (!env?.PROD || !('serviceWorker' in navigator)) return false;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
    await navigator.serviceWorker.ready;
    return true;
  } catch {
    return false;
  }
}

/** What the shell asks before it can draw anything: who is signed in, and the deployment's metadata. */
const SHELL_STARTUP = ['/api/v1/auth/me', '/api/v1/meta'] as const;

/** How long to wait for the activated worker to take this page over. */
const CONTROL_WAIT_MS = 30_000;

let prepared: Promise<boolean> | undefined;

/**
 * Makes the field app able to start offline from now on, and resolves true once it can. On the
 * first visit the page asked who is signed in before the service worker existed, so the worker
 * never saw those answers and an offline reload could not start the shell. So: register, wait
 * until the worker controls this page (it claims open pages when it activates), then ask the two
 * start-up questions again through it, which keeps their answers. Once per page load.
 */
export function prepareOffline(): Promise<boolean> {
  prepared ??= (async () => {
    if (!(await registerServiceWorker())) return false;
    if (!navigator.serviceWorker.controller) {
      // A page loaded with the cache bypassed (shift-reload) is never controlled: give up then.
      const controlled = await new Promise<boolean>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
        setTimeout(() => resolve(Boolean(navigator.serviceWorker.controller)), CONTROL_WAIT_MS);
      });
      if (!controlled) return false;
    }
    try {
      const answers = await Promise.all(
        SHELL_STARTUP.map((path) =>
          fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } }),
        ),
      );
      return answers.every((r) => r.ok);
    } catch {
      return false;
    }
  })();
  return prepared;
}
