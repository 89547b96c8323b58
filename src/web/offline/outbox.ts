import type { CreateVisit } from '../../shared/domain/visit.ts';
import { fieldDb, type OutboxPhoto, type OutboxVisit } from './field-db.ts';
import type { OutboxStore } from './sync-core.ts';

/** A key the server accepts as clientId / Idempotency-Key (made once, never regenerated). */
export function newClientKey(prefix: 'visit' | 'photo'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/**
 * Saves a visit and its photos on the phone in one IndexedDB transaction. Nothing is sent here:
 * the sync engine sends it when it can.
 */
export async function queueVisit(input: {
  userId: string;
  label: string;
  visit: CreateVisit;
  photos: readonly { name: string; blob: Blob }[];
}): Promise<string> {
  const db = fieldDb();
  const clientId = newClientKey('visit');
  const entry: OutboxVisit = {
    clientId,
    userId: input.userId,
    label: input.label,
    visit: input.visit,
    status: 'queued',
    createdAt: new Date().toISOString(),
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    created: null,
  };
  const photos: OutboxPhoto[] = input.photos.map((p) => ({
    key: newClientKey('photo'),
    clientId,
    name: p.name,
    blob: p.blob,
    status: 'queued',
    attempts: 0,
    lastError: null,
  }));
  await db.transaction('rw', db.visits, db.photos, async () => {
    await db.visits.add(entry);
    if (photos.length > 0) await db.photos.bulkAdd(photos);
  });
  return clientId;
}

export interface OutboxRow extends OutboxVisit {
  photos: { key: string; name: string; status: OutboxPhoto['status'] }[];
}

/** The user's visits on this phone, newest first, with their photos' states. */
export async function listOutbox(userId: string): Promise<OutboxRow[]> {
  const db = fieldDb();
  const visits = await db.visits.where('userId').equals(userId).toArray();
  visits.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const photos = await db.photos
    .where('clientId')
    .anyOf(visits.map((v) => v.clientId))
    .toArray();
  return visits.map((visit) => ({
    ...visit,
    photos: photos
      .filter((p) => p.clientId === visit.clientId)
      .map((p) => ({ key: p.key, name: p.name, status: p.status })),
  }));
}

/** Drops a visit the server refused (after the person has read why), with its photos. */
export async function discardVisit(clientId: string): Promise<void> {
  const db = fieldDb();
  await db.transaction('rw', db.visits, db.photos, async () => {
    await db.photos.where('clientId').equals(clientId).delete();
    await db.visits.delete(clientId);
  });
}

/** The outbox in IndexedDB, as the sync engine sees it. */
export const dexieOutboxStore: OutboxStore = {
  async dueVisits(userId, now) {
    const queued = await fieldDb()
      .visits.where('userId')
      .equals(userId)
      .filter((v) => v.status === 'queued' && v.nextAttemptAt <= now)
      .toArray();
    return queued.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  },
  async duePhotos(userId) {
    const db = fieldDb();
    const created = await db.visits
      .where('userId')
      .equals(userId)
      .filter((v) => v.created !== null)
      .toArray();
    const byClient = new Map(created.map((v) => [v.clientId, v.created?.id ?? '']));
    if (byClient.size === 0) return [];
    const photos = await db.photos
      .where('clientId')
      .anyOf([...byClient.keys()])
      .filter((p) => p.status === 'queued')
      .toArray();
    return photos.map((photo) => ({ photo, visitId: byClient.get(photo.clientId) ?? '' }));
  },
  async nextRetryAt(userId) {
    const queued = await fieldDb()
      .visits.where('userId')
      .equals(userId)
      .filter((v) => v.status === 'queued')
      .toArray();
    return queued.length === 0 ? null : Math.min(...queued.map((v) => v.nextAttemptAt));
  },
  async markCreated(clientId, created) {
    await fieldDb().visits.update(clientId, { status: 'synced', created, lastError: null });
  },
  async markRefused(clientId, code) {
    await fieldDb().visits.update(clientId, { status: 'failed', lastError: code });
  },
  async markRetry(clientId, attempts, nextAttemptAt, error) {
    await fieldDb().visits.update(clientId, { attempts, nextAttemptAt, lastError: error });
  },
  async markPhoto(key, change) {
    await fieldDb().photos.update(key, change);
  },
};
