import { APP_DB_PREFIX, closeFieldDb, fieldDb } from './field-db.ts';

/** Cache Storage names that hold data (everything but Workbox's precache of the app's own files). */
export function isDataCache(name: string): boolean {
  return !name.startsWith('workbox-precache');
}

/** Whether an IndexedDB database belongs to the app (all of them are named minqing-…). */
export function isAppDatabase(name: string | undefined): boolean {
  return name?.startsWith(APP_DB_PREFIX) === true;
}

const WIPE_TIMEOUT_MS = 5_000;

/**
 * Wipes what the field app keeps on the phone (docs/specs/trust.md §17): every IndexedDB database of the app
 * (the outbox with unsent visits and photos, the cached visit list and cards) and every Cache
 * Storage cache with data (the service worker's copies of API answers). The precached app shell
 * holds no data and stays, so the next person can still open the app offline. Never throws;
 * gives up waiting after a few seconds (another tab holding the database open).
 */
export async function wipeOfflineData(): Promise<void> {
  closeFieldDb(true);
  const work = (async () => {
    if (typeof indexedDB !== 'undefined') {
      const names = new Set<string>();
      try {
        for (const db of await indexedDB.databases()) if (isAppDatabase(db.name)) names.add(db.name ?? '');
      } catch {
        // databases() is missing in old browsers: delete the one we know.
      }
      names.add('minqing-field');
      await Promise.all([...names].map((name) => deleteDatabase(name)));
    }
    if (typeof caches !== 'undefined') {
      const keys = await caches.keys().catch(() => [] as string[]);
      await Promise.all(keys.filter(isDataCache).map((key) => caches.delete(key).catch(() => false)));
    }
  })().catch(() => undefined);
  await Promise.race([work, new Promise((resolve) => setTimeout(resolve, WIPE_TIMEOUT_MS))]);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Blocked by a connection in another tab: it completes once that tab closes it.
    request.onblocked = () => undefined;
  });
}

/**
 * When the session ends under the page (idle timeout) rather than by signing out: the kept cards,
 * the synced visits and the data caches go, but visits not yet sent stay for the same worker's
 * next sign-in (losing a recorded visit to a timeout would be worse; nobody else can send them,
 * and signing out wipes them).
 */
export async function wipeKeptData(): Promise<void> {
  const work = (async () => {
    const db = fieldDb();
    await db.transaction('rw', db.visits, db.photos, db.cache, async () => {
      await db.cache.clear();
      const done = await db.visits.where('status').anyOf('synced', 'failed').primaryKeys();
      await db.photos.where('clientId').anyOf(done).delete();
      await db.visits.bulkDelete(done);
    });
    if (typeof caches !== 'undefined') {
      const keys = await caches.keys().catch(() => [] as string[]);
      await Promise.all(keys.filter(isDataCache).map((key) => caches.delete(key).catch(() => false)));
    }
  })().catch(() => undefined);
  await Promise.race([work, new Promise((resolve) => setTimeout(resolve, WIPE_TIMEOUT_MS))]);
}
