import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { openDatabase } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

describe('graceful shutdown', () => {
  it('finishes an in-flight request, refuses new ones, then closes the database and releases the lock', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-shutdown-'));
    const config = loadConfig({ MINQING_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' });
    const database = await openDatabase(config);
    await migrateToLatest(database.db);
    const app = await buildApp(createContext(config, database));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      entered = resolve;
    });
    app.get('/slow', { config: { access: 'public' } }, async () => {
      entered();
      await gate;
      const row = await database.db.selectFrom('system_setting').select('key').executeTakeFirst();
      return { done: true, row: row ?? null };
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });

    const inFlight = fetch(`${url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await started;
    const closing = app.close().then(() => database.close());
    // While closing, a new connection is refused or answered 503; the in-flight one still completes.
    const late = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    release();
    expect(await inFlight).toEqual({ status: 200, body: { done: true, row: null } });
    await closing;
    expect(fs.existsSync(path.join(dataDir, 'minqing.lock'))).toBe(false);

    // The directory reopens cleanly after the shutdown.
    const again = await openDatabase(config);
    await again.close();
  });
});
