import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles, withoutComments } from './source-files.ts';

/**
 * ALL SQL lives in `*.repository.ts` (ARCHITECTURE.md). This test finds query building and raw
 * SQL anywhere else in the server and the CLI. What is not a repository yet legitimately speaks
 * SQL is listed here, each with its reason; a new entry needs one as good.
 */
const ALLOWED: Record<string, string> = {
  'src/server/db/migrations/': 'migrations are schema changes, written in SQL by nature',
  'src/server/db/app-role.ts':
    "GRANT/REVOKE for the server's own database role (`minqing db grant-app-role`)",
  'src/server/db/unnest.ts':
    'builds the unnest(...) fragment repositories use for set-based batch writes; runs no query',
  'src/server/jobs/job-queue.ts': "pg-boss's adapter: runs the queue's own SQL on the server's connection",
  'src/server/modules/auth/scope.ts':
    'the scope WHERE fragments every repository composes; being moved into one grant-reach module (issue 11 §2)',
  'src/cli/commands/doctor.ts':
    'diagnoses the engine itself (its server version) before any repository is trusted',
};

/** Kysely's query builders and raw SQL, and raw driver calls. */
const SQL_PATTERNS: readonly RegExp[] = [
  /\.(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\(/,
  /\.with(Recursive)?\(\s*['"`]/,
  /\bsql(<[^>]*>)?`/,
  /\bsql\.(raw|ref|table|id|lit|val|join)\(/,
  /\bCompiledQuery\.raw\(/,
  /\.executeQuery\(/,
  /\.schema\.(create|alter|drop)\w*\(/,
  /\b(pool|client|pglite|pg)\.(query|exec)\(/,
];

const isAllowed = (file: string) =>
  Object.keys(ALLOWED).some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));

/** `file:line` of every line that builds or runs SQL. */
function sqlLines(file: string, text: string): string[] {
  return withoutComments(text)
    .split('\n')
    .flatMap((line, i) => (SQL_PATTERNS.some((p) => p.test(line)) ? [`${file}:${i + 1}`] : []));
}

describe('SQL lives in repositories', () => {
  const files = sourceFiles('src/server', 'src/cli');

  it('finds no query outside *.repository.ts and the allow-list', () => {
    const outside = files
      .filter((file) => !file.endsWith('.repository.ts') && !isAllowed(file))
      .flatMap((file) => sqlLines(file, readSource(file)));
    expect(outside).toEqual([]);
  });

  it('keeps the allow-list true: every entry exists and still speaks SQL', () => {
    for (const entry of Object.keys(ALLOWED)) {
      const covered = files.filter((file) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));
      expect(covered, entry).not.toEqual([]);
      expect(
        covered.some((file) => sqlLines(file, readSource(file)).length > 0),
        `${entry} no longer needs its entry`,
      ).toBe(true);
    }
  });

  it('recognises the query shapes it looks for', () => {
    const probes = [
      "await trx.selectFrom('case_record').selectAll().execute();",
      "await db.insertInto('audit_log').values(row).execute();",
      "await trx\n  .updateTable('case_record')",
      'await sql`select 1`.execute(db);',
      'const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(db);',
      "const name = sql.ref('u.name');",
      "await db.with('recent', (q) => q)",
      "await pool.query('select 1')",
    ];
    for (const probe of probes) expect(sqlLines('probe.ts', probe), probe).not.toEqual([]);
    const innocent = [
      "// trx.selectFrom('x') in a comment",
      '/* sql`select 1` */',
      'const match = /^(\\d{6})$/.exec(cookie);',
      "z.string().url('https://example.org/a')",
    ];
    for (const text of innocent) expect(sqlLines('innocent.ts', text), text).toEqual([]);
  });
});
