import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import type { TestApp } from './app.ts';
import { injectSender, type Send } from './auth.ts';
import { QueryCounter } from './query-counter.ts';

/**
 * A second server over the test app's database, as another instance of a deployment: its own
 * in-memory state (kept principals, kept reads, chain heads), and every statement it runs counted.
 * The caller closes `app`.
 */
export async function countedSecondServer(
  t: TestApp,
  /** Settings beyond the test defaults (e.g. a raised per-address limit). */
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; send: Send; counter: QueryCounter }> {
  const counter = new QueryCounter();
  const config = loadConfig({ LOG_LEVEL: 'silent', MINQING_PII_KEY: `${'A'.repeat(43)}=`, ...env });
  const app = await buildApp(createContext(config, { ...t.database, db: t.database.db.withPlugin(counter) }));
  await app.ready();
  return { app, send: injectSender(app), counter };
}
