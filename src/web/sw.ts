import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/**
 * The service worker (built by vite-plugin-pwa's injectManifest into /sw.js). It precaches the
 * app shell — the built HTML, scripts, styles and icons, no data — and answers the field app's
 * pages from it, so a grid worker can open /field without a network. Data for offline use lives
 * in IndexedDB (src/web/offline), written by the page, not here. The only API answers kept here
 * are who is signed in and the deployment's public metadata, so the shell can start offline;
 * they are dropped on a 401 and wiped at sign-out with every other data cache.
 */
interface ServiceWorkerScope {
  __WB_MANIFEST: { url: string; revision: string | null }[];
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(
    type: 'activate',
    listener: (event: { waitUntil(p: Promise<unknown>): void }) => void,
  ): void;
  addEventListener(
    type: 'fetch',
    listener: (event: { request: Request; respondWith(r: Promise<Response>): void }) => void,
  ): void;
}
declare const self: ServiceWorkerScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// The field app's pages open from the precached index.html; other pages keep asking the server.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { allowlist: [/^\/field(\/|$)/] }));

/** Kept so the shell can start offline: who is signed in, and the public metadata. */
export const SESSION_CACHE = 'minqing-session';
const SESSION_PATHS = new Set(['/api/v1/auth/me', '/api/v1/meta']);

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || !SESSION_PATHS.has(url.pathname))
    return;
  event.respondWith(networkThenCache(event.request));
});

async function networkThenCache(request: Request): Promise<Response> {
  const cache = await caches.open(SESSION_CACHE);
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
  if (response.ok) await cache.put(request, response.clone());
  // Nobody signed in (any more): no copy of the last person may answer offline.
  else if (response.status === 401) await caches.delete(SESSION_CACHE);
  return response;
}

// A new build takes over at once: the precache it brings matches the pages it serves.
void self.skipWaiting();
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
