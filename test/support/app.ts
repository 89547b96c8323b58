import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { createTestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** The real application on a fresh test database, driven with `app.inject()`. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // MINQING_TEST_LOG_LEVEL=error shows what a failing request logged (e.g. a 500's cause).
  const config = loadConfig({
    LOG_LEVEL: process.env.MINQING_TEST_LOG_LEVEL ?? 'silent',
    MINQING_PII_KEY: `${'A'.repeat(43)}=`,
    ...env,
  });
  const app = await buildApp(createContext(config, database));
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
