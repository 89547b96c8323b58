import { perDatabase } from '../../db/per-database.ts';

/**
 * Reads kept in memory under a district's auth version (`auth_epoch`, auth.repository.ts): what an
 * intake reads about its place, its category, the hotline level and the dispatchers to notify,
 * what a resident's report reads about its code's place and the district's form settings, and an
 * Open311 request's client, district and service (issue 16 §3: the fixed cost of a request). Every
 * write to the rows those reads come from bumps the version in its own transaction (grants,
 * accounts, places, departments, categories, the hotline setting, a public code retired, an estate
 * changed, the form settings, an Open311 key revoked; test/structure/auth-version-bumps.test.ts),
 * and a request reads the version before anything else it keeps (`Principal.authVersion`; a public
 * report's `PublicPlace.authVersion`). A value kept under the version the request read is
 * therefore what a read at that moment would have given, on every server sharing the database;
 * after a change, the next request reads a newer version, misses, and reads afresh.
 *
 * Kept per database handle (a pool's Kysely instance), since versions of two databases are
 * unrelated. A read in a transaction is always made: its handle lives for one change, and what it
 * reads may be its own uncommitted writes. Only values found are kept: "no such place" is read
 * again every time, so a place created without a bump is found at once; a caller may refuse to
 * keep others (`keepIf`). The values are frozen: every request that reads one gets the same object.
 */
const MAX_ENTRIES = 5_000;

const stores = perDatabase<unknown>();

export async function readAtVersion<V>(
  db: { readonly isTransaction: boolean },
  at: { districtCode: string; authVersion?: number | undefined },
  key: string,
  read: () => Promise<V | undefined>,
  /** Whether a value read may be kept; a value refused is read again next time. */
  keepIf: (value: V) => boolean = () => true,
): Promise<V | undefined> {
  if (at.authVersion === undefined || db.isTransaction) return read();
  const store = stores(db);
  const full = `${at.districtCode}\u0000${at.authVersion}\u0000${key}`;
  const kept = store.get(full);
  if (kept !== undefined) return kept as V;
  const value = await read();
  if (value === undefined || !keepIf(value)) return value;
  // A Map iterates in insertion order: the first key is the oldest. Entries of older versions are
  // never asked for again and leave this way.
  if (store.size >= MAX_ENTRIES) store.delete(store.keys().next().value as string);
  store.set(full, Object.freeze(value));
  return value;
}
