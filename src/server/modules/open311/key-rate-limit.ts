/**
 * POSTs per API key and minute, counted in this process (as the per-address limits are): a
 * client's burst cannot flood the dispatchers' queue whatever addresses it sends from.
 */
export function createKeyRateLimit(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Whether the client may send one more now (and counts it). */
    take(clientId: string, now: number): boolean {
      const window = windows.get(clientId);
      if (!window || now - window.start >= 60_000) {
        // Old windows go when a new minute starts for anyone, so the map stays as small as the clients.
        for (const [id, w] of windows) if (now - w.start >= 60_000) windows.delete(id);
        windows.set(clientId, { start: now, count: 1 });
        return true;
      }
      window.count += 1;
      return window.count <= perMinute;
    },
  };
}
export type KeyRateLimit = ReturnType<typeof createKeyRateLimit>;
