import type { z } from 'zod';
import { getCached, putCached } from '../../offline/cache.ts';
import type { FieldApi, FieldTarget } from './field-api.ts';

export const cacheKeys = {
  visitDay: 'visit-day',
  myCases: 'my-cases',
  card: (target: Pick<FieldTarget, 'type' | 'id'>) => `${target.type}:${target.id}`,
};

export interface Loaded<T> {
  value: T;
  /** When the copy shown was saved, if it came from the phone rather than the server. */
  offlineSince: string | null;
}

/**
 * Asks the server when the browser is online and keeps the answer; offline (or when the server
 * cannot be reached) shows the kept copy. Without a copy the error stands.
 */
export async function loadWithCache<S extends z.ZodType>(
  userId: string,
  key: string,
  schema: S,
  fetchFresh: () => Promise<z.infer<S>>,
): Promise<Loaded<z.infer<S>>> {
  if (navigator.onLine) {
    try {
      const value = await fetchFresh();
      await putCached(userId, key, value).catch(() => undefined);
      return { value, offlineSince: null };
    } catch (error) {
      const kept = await getCached(userId, key, schema).catch(() => undefined);
      if (kept && isNetworkFailure(error)) return { value: kept.value, offlineSince: kept.savedAt };
      throw error;
    }
  }
  const kept = await getCached(userId, key, schema).catch(() => undefined);
  if (kept) return { value: kept.value, offlineSince: kept.savedAt };
  throw new OfflineMissError();
}

export class OfflineMissError extends Error {
  constructor() {
    super('Not kept on this phone');
    this.name = 'OfflineMissError';
  }
}

/** No answer from the server at all, or one from a server that failed (the kept copy is better). */
export function isNetworkFailure(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 0 || (typeof status === 'number' && status >= 500);
}

/**
 * Keeps the cards of the day's households and enterprises (masked, as the server sends them), so
 * the round can be walked without a network. Runs after the list loaded online; one at a time,
 * to leave the phone's connection to what the person is doing.
 */
export async function keepCards(
  userId: string,
  api: FieldApi,
  targets: readonly FieldTarget[],
): Promise<number> {
  let kept = 0;
  for (const target of targets) {
    if (!navigator.onLine) break;
    try {
      const card =
        target.type === 'household' ? await api.household(target.id) : await api.enterprise(target.id);
      await putCached(userId, cacheKeys.card(target), card);
      kept += 1;
    } catch {
      // A card that fails now is fetched when opened; the rest of the round is still kept.
    }
  }
  return kept;
}
