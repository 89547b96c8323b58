import type { z } from 'zod';
import { fieldDb } from './field-db.ts';

/** Keeps a server answer for offline use, under the user it belongs to. */
export async function putCached(userId: string, key: string, value: unknown): Promise<void> {
  await fieldDb().cache.put({ key: `${userId}:${key}`, userId, value, savedAt: new Date().toISOString() });
}

/**
 * A kept answer of this user, re-checked with the schema it was fetched with (an answer kept by
 * an older build that no longer fits is treated as missing).
 */
export async function getCached<S extends z.ZodType>(
  userId: string,
  key: string,
  schema: S,
): Promise<{ value: z.infer<S>; savedAt: string } | undefined> {
  const entry = await fieldDb().cache.get(`${userId}:${key}`);
  if (!entry || entry.userId !== userId) return undefined;
  const parsed = schema.safeParse(entry.value);
  return parsed.success ? { value: parsed.data, savedAt: entry.savedAt } : undefined;
}
