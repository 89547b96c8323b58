import { Dexie, type EntityTable } from 'dexie';
import type { CreatedVisit, CreateVisit } from '../../shared/domain/visit.ts';

/** The IndexedDB database of the field app; every database the app opens starts with this prefix. */
export const FIELD_DB_NAME = 'minqing-field';
export const APP_DB_PREFIX = 'minqing';

export type OutboxStatus = 'queued' | 'synced' | 'failed';

/** A visit recorded on the phone, waiting for (or done with) the server. */
export interface OutboxVisit {
  /** Made once when the visit is saved; the server's idempotency key for it. */
  clientId: string;
  /** Whose visit: another person signing in on the phone never sends it (and logout wipes it anyway). */
  userId: string;
  /** What the list shows (the household's address or the enterprise's name). */
  label: string;
  visit: CreateVisit;
  status: OutboxStatus;
  createdAt: string;
  attempts: number;
  /** Epoch ms before which no retry is made (back-off). */
  nextAttemptAt: number;
  /** The problem code of a refused visit, or the last network failure. */
  lastError: string | null;
  /** The server's answer once created (or replayed). */
  created: CreatedVisit | null;
}

export type PhotoStatus = 'queued' | 'uploaded' | 'failed';

/** A photo of a queued visit, sent after the visit exists on the server. */
export interface OutboxPhoto {
  /** Made once when the photo is attached; its upload's Idempotency-Key. */
  key: string;
  clientId: string;
  name: string;
  blob: Blob;
  status: PhotoStatus;
  attempts: number;
  lastError: string | null;
}

/** A server answer kept for offline use: the visit-day list, household and enterprise cards, my cases. */
export interface CachedEntry {
  key: string;
  userId: string;
  value: unknown;
  savedAt: string;
}

export type FieldDb = Dexie & {
  visits: EntityTable<OutboxVisit, 'clientId'>;
  photos: EntityTable<OutboxPhoto, 'key'>;
  cache: EntityTable<CachedEntry, 'key'>;
};

let instance: FieldDb | undefined;
let locked = false;

/** The field app's database, opened on first use. */
export function fieldDb(): FieldDb {
  // Between a wipe and the next sign-in nothing may recreate the database (a sync pass or a list
  // still running in the unmounting page would otherwise write it again).
  if (locked) throw new Error('The field database is wiped until the next sign-in.');
  if (!instance) {
    const db = new Dexie(FIELD_DB_NAME) as FieldDb;
    db.version(1).stores({
      visits: 'clientId, userId, status, createdAt',
      photos: 'key, clientId, status',
      cache: 'key, userId',
    });
    instance = db;
  }
  return instance;
}

/** Closes the open connection (so the database can be deleted) and forgets it; `lock` keeps it closed. */
export function closeFieldDb(lock = false): void {
  instance?.close();
  instance = undefined;
  if (lock) locked = true;
}

/** Opens the database to use again (the field app mounts for a signed-in user). */
export function unlockFieldDb(): void {
  locked = false;
}
