import { describe, expect, it } from 'vitest';
import type { SyncBatch, SyncResult } from '../../shared/domain/visit.ts';
import type { OutboxPhoto, OutboxVisit } from './field-db.ts';
import {
  backoffDelay,
  batchesOf,
  isTransient,
  type OutboxStore,
  type SyncTransport,
  syncOnce,
} from './sync-core.ts';

const VISIT_ID = '0190f6a2-1b2c-7d3e-8f40-123456789abc';
const created = (id = VISIT_ID) => ({ id, isNight: false, far: false, distanceM: null, cases: [] });

function visit(clientId: string, userId = 'u1'): OutboxVisit {
  return {
    clientId,
    userId,
    label: clientId,
    visit: {} as OutboxVisit['visit'],
    status: 'queued',
    createdAt: new Date(0).toISOString(),
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    created: null,
  };
}

/** The outbox in memory, with the same rules as the IndexedDB one. */
function memoryStore(visits: OutboxVisit[], photos: OutboxPhoto[] = []) {
  const store: OutboxStore & { visits: OutboxVisit[]; photos: OutboxPhoto[] } = {
    visits,
    photos,
    dueVisits: async (userId, now) =>
      visits.filter((v) => v.userId === userId && v.status === 'queued' && v.nextAttemptAt <= now),
    duePhotos: async (userId) =>
      photos
        .filter((p) => p.status === 'queued')
        .flatMap((photo) => {
          const owner = visits.find((v) => v.clientId === photo.clientId && v.userId === userId && v.created);
          return owner?.created ? [{ photo, visitId: owner.created.id }] : [];
        }),
    nextRetryAt: async (userId) => {
      const queued = visits.filter((v) => v.userId === userId && v.status === 'queued');
      return queued.length ? Math.min(...queued.map((v) => v.nextAttemptAt)) : null;
    },
    markCreated: async (clientId, answer) => {
      Object.assign(visits.find((v) => v.clientId === clientId) ?? {}, { status: 'synced', created: answer });
    },
    markRefused: async (clientId, code) => {
      Object.assign(visits.find((v) => v.clientId === clientId) ?? {}, { status: 'failed', lastError: code });
    },
    markRetry: async (clientId, attempts, nextAttemptAt, error) => {
      Object.assign(visits.find((v) => v.clientId === clientId) ?? {}, {
        attempts,
        nextAttemptAt,
        lastError: error,
      });
    },
    markPhoto: async (key, change) => {
      Object.assign(photos.find((p) => p.key === key) ?? {}, change);
    },
  };
  return store;
}

function photo(key: string, clientId: string): OutboxPhoto {
  return {
    key,
    clientId,
    name: `${key}.jpg`,
    blob: new Blob(['x']),
    status: 'queued',
    attempts: 0,
    lastError: null,
  };
}

const failure = (status: number, code: string) => Object.assign(new Error(code), { status, code });

describe('one pass over the outbox', () => {
  it('creates visits, then uploads their photos with each photo’s own key against the server id', async () => {
    const store = memoryStore(
      [visit('visit-aaaaaaaa'), visit('visit-bbbbbbbb')],
      [photo('photo-1', 'visit-aaaaaaaa')],
    );
    const uploads: { visitId: string; key: string }[] = [];
    const batches: SyncBatch[] = [];
    const transport: SyncTransport = {
      syncVisits: async (batch) => {
        batches.push(batch);
        return {
          results: batch.visits.map((v, i) => ({
            clientId: v.clientId,
            status: i === 0 ? 201 : 200,
            visit: created(i === 0 ? VISIT_ID : '0190f6a2-1b2c-7d3e-8f40-000000000002'),
            code: null,
          })),
        };
      },
      uploadPhoto: async (visitId, p) => {
        uploads.push({ visitId, key: p.key });
      },
    };
    const outcome = await syncOnce(store, transport, 'u1', () => 1_000);
    expect(outcome).toMatchObject({ created: 2, refused: 0, photosUploaded: 1, retry: false });
    expect(batches).toHaveLength(1);
    expect(batches[0]?.visits.map((v) => v.clientId)).toEqual(['visit-aaaaaaaa', 'visit-bbbbbbbb']);
    expect(uploads).toEqual([{ visitId: VISIT_ID, key: 'photo-1' }]);
    expect(store.photos[0]?.status).toBe('uploaded');
    // A second pass has nothing left to send.
    const again = await syncOnce(store, transport, 'u1', () => 2_000);
    expect(again).toMatchObject({ created: 0, photosUploaded: 0 });
    expect(batches).toHaveLength(1);
  });

  it('keeps visits queued with back-off when the network fails, and sends the same clientId later', async () => {
    const store = memoryStore([visit('visit-aaaaaaaa')]);
    const sent: string[] = [];
    let online = false;
    const transport: SyncTransport = {
      syncVisits: async (batch) => {
        sent.push(...batch.visits.map((v) => v.clientId));
        if (!online) throw failure(0, 'NETWORK');
        return {
          results: batch.visits.map((v) => ({
            clientId: v.clientId,
            status: 201,
            visit: created(),
            code: null,
          })),
        };
      },
      uploadPhoto: async () => undefined,
    };
    const first = await syncOnce(store, transport, 'u1', () => 1_000);
    expect(first.retry).toBe(true);
    expect(store.visits[0]).toMatchObject({ status: 'queued', attempts: 1, lastError: 'NETWORK' });
    expect(store.visits[0]?.nextAttemptAt).toBeGreaterThan(1_000);
    // Not due yet: nothing is sent.
    await syncOnce(store, transport, 'u1', () => 1_001);
    expect(sent).toEqual(['visit-aaaaaaaa']);
    online = true;
    const later = await syncOnce(store, transport, 'u1', () => 1_000_000);
    expect(later.created).toBe(1);
    expect(sent).toEqual(['visit-aaaaaaaa', 'visit-aaaaaaaa']);
  });

  it('marks a refused visit with its code and finds the culprit of a refused batch', async () => {
    const store = memoryStore([visit('visit-good0000'), visit('visit-bad00000')]);
    const transport: SyncTransport = {
      syncVisits: async (batch) => {
        if (batch.visits.some((v) => v.clientId === 'visit-bad00000')) {
          if (batch.visits.length > 1) throw failure(422, 'VALIDATION_FAILED');
          return {
            results: [{ clientId: 'visit-bad00000', status: 404, visit: null, code: 'NOT_FOUND' }],
          } satisfies SyncResult;
        }
        return {
          results: batch.visits.map((v) => ({
            clientId: v.clientId,
            status: 201,
            visit: created(),
            code: null,
          })),
        };
      },
      uploadPhoto: async () => undefined,
    };
    const outcome = await syncOnce(store, transport, 'u1', () => 1_000);
    expect(outcome).toMatchObject({ created: 1, refused: 1 });
    expect(store.visits.map((v) => [v.clientId, v.status, v.lastError])).toEqual([
      ['visit-good0000', 'synced', null],
      ['visit-bad00000', 'failed', 'NOT_FOUND'],
    ]);
  });

  it('stops at a 401 and leaves everything queued', async () => {
    const store = memoryStore([visit('visit-aaaaaaaa')]);
    const outcome = await syncOnce(
      store,
      {
        syncVisits: async () => Promise.reject(failure(401, 'UNAUTHENTICATED')),
        uploadPhoto: async () => undefined,
      },
      'u1',
    );
    expect(outcome.unauthenticated).toBe(true);
    expect(store.visits[0]).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('retries a photo after a transient failure and gives up on a refused one', async () => {
    const v = { ...visit('visit-aaaaaaaa'), status: 'synced' as const, created: created() };
    const store = memoryStore([v], [photo('photo-busy', v.clientId), photo('photo-big', v.clientId)]);
    const transport: SyncTransport = {
      syncVisits: async () => ({ results: [] }),
      uploadPhoto: async (_id, p) => {
        throw p.key === 'photo-busy'
          ? failure(503, 'SERVICE_UNAVAILABLE')
          : failure(413, 'PAYLOAD_TOO_LARGE');
      },
    };
    const outcome = await syncOnce(store, transport, 'u1');
    expect(outcome.retry).toBe(true);
    expect(store.photos.map((p) => [p.key, p.status])).toEqual([
      ['photo-busy', 'queued'],
      ['photo-big', 'failed'],
    ]);
  });
});

describe('back-off and batching', () => {
  it('doubles the delay per attempt within a jitter of a quarter, capped at five minutes', () => {
    expect(backoffDelay(1, 0.5)).toBe(5_000);
    expect(backoffDelay(2, 0.5)).toBe(10_000);
    expect(backoffDelay(3, 0)).toBe(15_000);
    expect(backoffDelay(30, 0.999)).toBeLessThanOrEqual(5 * 60_000 * 1.25);
    expect(backoffDelay(30, 0.5)).toBe(5 * 60_000);
  });

  it('treats only passing failures as transient', () => {
    expect([0, 408, 409, 429, 500, 503].every(isTransient)).toBe(true);
    expect([400, 403, 404, 413, 415, 422].some(isTransient)).toBe(false);
  });

  it('splits the queue into batches the server takes', () => {
    const items = Array.from({ length: 101 }, (_, i) => i);
    expect(batchesOf(items).map((b) => b.length)).toEqual([50, 50, 1]);
    expect(batchesOf([])).toEqual([]);
  });
});
