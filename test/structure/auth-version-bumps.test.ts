import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles, withoutComments } from './source-files.ts';

/**
 * Reads kept in memory under a district's auth version (src/server/modules/auth/versioned-cache.ts,
 * auth.service.ts) stay true on every server only if each write to the rows they come from bumps
 * the version in its own transaction. This suite fails when a file writes one of those tables and
 * never calls the bump, so a new writer (a use case, an import, a job) cannot forget it.
 */

/** The tables kept reads come from, and which reads. */
const KEPT_TABLES: Record<string, string> = {
  app_user: 'principals; the people an intake notifies',
  role_grant: 'principals; the people an intake notifies',
  user_session: 'principals',
  region: "principals' scopes; an intake's place; a public report's place",
  department: "principals' units",
  case_category: "an intake's category",
  public_code: "a public report's place",
  estate: "a public report's place (the estate's name)",
};

const NAMES = Object.keys(KEPT_TABLES).join('|');
const BUILDER_WRITE = new RegExp(
  `(insertInto|updateTable|deleteFrom|mergeInto)\\(\\s*['"\`](${NAMES})(\\s+as\\s+\\w+)?['"\`]`,
  'g',
);
const RAW_WRITE = new RegExp(
  `\\b(insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+"?(${NAMES})\\b`,
  'gi',
);
const BUMP = /\b(bumpAuthEpoch|withAuthEpochBump)\s*\(/;

function keptTableWrites(source: string): string[] {
  return [...source.matchAll(BUILDER_WRITE), ...source.matchAll(RAW_WRITE)].map((m) => m[0]);
}

describe('writes to what is kept under the auth version', () => {
  const files = sourceFiles('src/server').filter((f) => !f.startsWith('src/server/db/migrations/'));

  it('finds the writers it checks', () => {
    // A pattern that stopped matching would make the next test pass vacuously.
    const writers = files.filter((f) => keptTableWrites(withoutComments(readSource(f))).length > 0);
    expect(writers).toEqual(
      expect.arrayContaining([
        'src/server/modules/auth/auth.repository.ts',
        'src/server/modules/imports/region-import.repository.ts',
        'src/server/modules/public-codes/public-codes.repository.ts',
        'src/server/modules/regions/regions.repository.ts',
        'src/server/modules/users/users.repository.ts',
      ]),
    );
  });

  it('bumps the version in every file that writes a kept table', () => {
    const missing = files
      .map((f) => ({ file: f, source: withoutComments(readSource(f)) }))
      .filter(({ source }) => keptTableWrites(source).length > 0 && !BUMP.test(source))
      .map(({ file, source }) => `${file}: ${keptTableWrites(source).join(', ')}`);
    expect(missing).toEqual([]);
  });
});
