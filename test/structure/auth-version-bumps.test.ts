import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles, withoutComments } from './source-files.ts';

/**
 * Reads kept in memory under a district's auth version (src/server/modules/auth/versioned-cache.ts,
 * auth.service.ts) stay true on every server only if each write to the rows they come from bumps
 * the version in its own transaction. This suite fails when a file writes one of those tables and
 * never calls the bump in the function that writes, so a new writer (a use case, an import, a
 * job) cannot forget it. The one kept setting, the public form's (public-intake-settings.ts), has one
 * writer, which bumps; test/api/outside-kept-reads.test.ts holds it to that.
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
  open311_client: "an Open311 request's client",
};

/**
 * Functions that write a kept table without a bump, and why no kept read can go stale. Kept reads
 * keep only what they found, so a row that did not exist was kept nowhere.
 */
const ALLOWED: Record<string, string> = {
  'src/server/modules/auth/auth.repository.ts insertSession': 'a new session: no principal kept for it',
  'src/server/modules/auth/auth.repository.ts touchSession':
    'its last use only; a kept principal is re-read within a minute anyway (auth.service.ts)',
  'src/server/modules/auth/auth.repository.ts passSecondFactor':
    'gives the session a new token: the old token’s kept principal is never asked for again',
  'src/server/modules/users/users.repository.ts insertUser':
    'a new account, without grants until they are added (which bumps)',
  'src/server/modules/regions/regions.repository.ts insert': 'a new place: not kept before it existed',
  'src/server/modules/imports/region-import.repository.ts insert': 'new places, as above',
  'src/server/modules/departments/departments.repository.ts insert': 'a new department, as above',
  'src/server/modules/categories/categories.repository.ts insert': 'a new category, as above',
  'src/server/modules/public-codes/public-codes.repository.ts insertCode': 'a new code, as above',
  'src/server/modules/public-codes/public-codes.repository.ts insertEstate':
    'a new estate, without a code until one is issued',
  'src/server/modules/open311/open311.repository.ts insertClient': 'a new client, as above',
  'src/server/modules/open311/open311.repository.ts touchClient':
    'its last use only, which no kept read holds',
  'src/server/modules/public-codes/public-codes.repository.ts setReplacement':
    'names the replacement of a retired code, and retired codes are never kept',
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
/** The bump itself, the helper that runs a write with it, or a repository's local alias of that. */
const BUMP = /\b(bumpAuthEpoch|withAuthEpochBump|bumping)\s*\(/;
/**
 * Where a function starts: a top-level function, or a method of the object a repository factory
 * returns (indented at most four spaces); statements inside them are indented further.
 */
const MEMBER_START =
  /^ {0,4}(?!(if|for|while|switch|catch|return)\b)(export\s+)?(async\s+)?(function\s+)?\w+\s*(<[^>]*>)?\(/gm;

/** The writes of kept tables in `source`, each with the function (or method) it is made in. */
function keptTableWrites(source: string): { write: string; member: string; name: string }[] {
  const starts = [...source.matchAll(MEMBER_START)].map((m) => m.index);
  return [...source.matchAll(BUILDER_WRITE), ...source.matchAll(RAW_WRITE)].map((m) => {
    const from = starts.filter((i) => i <= m.index).pop() ?? 0;
    const to = starts.find((i) => i > m.index) ?? source.length;
    const member = source.slice(from, to);
    const name = /(\w+)\s*(<[^>]*>)?\(/.exec(member)?.[1] ?? '';
    return { write: m[0], member, name };
  });
}

describe('writes to what is kept under the auth version', () => {
  const files = sourceFiles('src/server').filter((f) => !f.startsWith('src/server/db/migrations/'));

  it('finds the writers it checks, and every function it allows', () => {
    // A pattern that stopped matching would make the next test pass vacuously.
    const found = files.flatMap((f) =>
      keptTableWrites(withoutComments(readSource(f))).map(({ name }) => ({ file: f, name })),
    );
    const writers = [...new Set(found.map(({ file }) => file))];
    const allowedFound = new Set(found.map(({ file, name }) => `${file} ${name}`));
    expect(Object.keys(ALLOWED).filter((key) => !allowedFound.has(key))).toEqual([]);
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

  it('bumps the version in every function that writes a kept table', () => {
    const missing = files.flatMap((file) =>
      keptTableWrites(withoutComments(readSource(file)))
        .filter(({ member, name }) => !BUMP.test(member) && !(`${file} ${name}` in ALLOWED))
        .map(({ write, name }) => `${file} ${name}: ${write}`),
    );
    expect(missing).toEqual([]);
  });
});
