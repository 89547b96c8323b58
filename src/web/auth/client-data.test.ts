import { describe, expect, it } from 'vitest';
import { clearClientData } from './client-data.ts';

/** An in-memory Storage, enough for what clearClientData uses. */
function memoryStorage(entries: Record<string, string>) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    get length() {
      return map.size;
    },
    key: (index: number) => [...map.keys()][index] ?? null,
    removeItem: (key: string) => {
      map.delete(key);
    },
    clear: () => map.clear(),
  };
}

describe('clearClientData', () => {
  it('wipes everything the app stored except the language choice', () => {
    const local = memoryStorage({
      'minqing.locale': 'en',
      'minqing.draft.visit': '{"household":"…"}',
      'minqing.lastRegion': 'abc',
      other: 'x',
    });
    const session = memoryStorage({ 'minqing.search': 'Zhang' });
    clearClientData(local, session);
    expect([...local.map.entries()]).toEqual([['minqing.locale', 'en']]);
    expect(session.map.size).toBe(0);
  });

  it('does nothing harmful without storage (disabled by policy)', () => {
    expect(() => clearClientData(undefined, undefined)).not.toThrow();
  });
});
