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
