import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Statements one connection keeps prepared. Most of the product's SQL is a few hundred fixed
 * texts; past the cap (texts that vary, e.g. IN lists of every length) statements run unnamed.
 */
const MAX_PREPARED = 500;

type Parsed = { parsedStatements: Record<string, string> };

/**
 * Marks a statement that must be planned for its own values every time, never prepared: a
 * generic plan cannot use an index range for `path like $1` (a scope's subtree), so on a
 * district's queue it scanned every open case (a page 60–75 ms instead of 5–10). Put it in the
 * statement's text (`.modifyFront(sql.raw(CUSTOM_PLAN))`).
 */
export const CUSTOM_PLAN = '/* custom plan */';

/** PostgreSQL's "cached plan must not change result type": a migration changed a prepared row type. */
export function isStalePlan(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '0A000' && /cached plan/.test(e.message ?? '');
}

/**
 * Statement names by text, so a hot statement is hashed once per process rather than per run (the
 * hash of a case's one statement, a few kilobytes, was 4–5 % of the server's CPU at intake).
 * Texts that vary are hashed each time once the map is full.
 */
const NAMES_KEPT = 2_000;
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `mq_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    if (names.size < NAMES_KEPT) names.set(text, name);
  }
  return name;
}

/**
 * A pg client that prepares each parameterised statement once per connection (issue 16 §1):
 * parse and analysis were 69% of statement time on the intake path, which runs the same few
 * statements for every case. The name is the text's hash, so a text maps to one name on every
 * connection. PostgreSQL itself chooses, per statement, between a custom plan and the cached
 * generic one (plan_cache_mode auto), except a statement marked `CUSTOM_PLAN`. A statement prepared before a migration changed its row
 * type fails once with 0A000; the connection then forgets its statements (DEALLOCATE ALL) so the
 * retried transaction prepares them afresh (db/retry.ts retries that error).
 */
export class PreparingClient extends pg.Client {
  /** A stale statement failed inside a transaction: forget them all once it has rolled back. */
  #forgetAfterRollback = false;

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this passes them on.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0) {
      if (this.#forgetAfterRollback && typeof config === 'string' && /^\s*rollback\s*$/i.test(config)) {
        this.#forgetAfterRollback = false;
        return (super.query(config, values) as Promise<pg.QueryResult>).finally(() => this.#forget());
      }
      return super.query(config, values, callback);
    }
    const connection = this.#connection();
    const name = statementName(config);
    const known = connection.parsedStatements[name] !== undefined;
    if (
      callback ||
      config.includes(CUSTOM_PLAN) ||
      (!known && Object.keys(connection.parsedStatements).length >= MAX_PREPARED)
    ) {
      return super.query(config, values, callback);
    }
    return super.query({ name, text: config, values }).catch(async (error: unknown) => {
      if (isStalePlan(error)) {
        // DEALLOCATE fails in an aborted transaction (25P02): then it waits for the rollback.
        await this.#forget().catch(() => {
          this.#forgetAfterRollback = true;
        });
      }
      throw error;
    });
  }

  #connection(): Parsed {
    return (this as unknown as { connection: Parsed }).connection;
  }

  async #forget(): Promise<void> {
    await super.query('DEALLOCATE ALL');
    this.#connection().parsedStatements = {};
  }
}
