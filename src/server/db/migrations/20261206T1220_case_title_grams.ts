import { type Kysely, sql } from 'kysely';

/**
 * The case queue's text filter at district scale (issue 16 §8): `title LIKE '%q%'` can use no
 * btree, and the words people search for are Chinese and often two characters long, below the
 * three-character grams of pg_trgm (an extension PGlite would also have to load). So the title's
 * distinct character bigrams, `case_title_grams(title)`, are indexed with the built-in GIN array
 * operators, and the queue asks `case_title_grams(title) @> case_title_grams(q)`
 * (case-read.repository.ts): a title contains a two-character q exactly when its bigrams hold
 * q's one bigram, and a longer q is rechecked with the LIKE, so the results are exactly the
 * LIKE's. This function is the only definition of a bigram: the query computes q's in SQL too.
 *
 * Two indexes: the open cases' (a tenth of the ledger or less; the queue's default view and the
 * inbox count from it without visiting the closed cases that share a word) and every case's (a
 * state filter, a household's page). The district predicate stays a separate filter: one district
 * per database is the common case, and folding it in would take the btree_gin extension.
 *
 * An expression index rather than a stored generated column: adding the column would rewrite the
 * whole table under an exclusive lock, grow every row, and break the logical backup's restore
 * (`insert … select *` cannot write a generated column). Cost of this migration: one pass over
 * the titles per index and the GIN builds, about 30 s per million cases on two busy cores (4 to
 * 8 s measured for 300,000); reads go on meanwhile, case writes wait.
 *
 * COST 10 (a few LIKEs; the default for a SQL function is 100): at 100 the planner overprices
 * the page query's newest-first walk that tests a frequent word's bigram row by row, and
 * launches parallel workers for it instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function case_title_grams(t text) returns text[]
    language sql immutable strict parallel safe cost 10
    as $$
      select coalesce(array_agg(distinct substr(t, i, 2)), '{}')
      from generate_series(1, char_length(t) - 1) as i
    $$`.execute(db);
  const open = [
    'submitted',
    'accepted',
    'dispatched',
    'returned',
    'in_progress',
    'replied',
    'follow_up',
    'reopened',
  ];
  await sql`create index case_record_open_title_grams_idx on case_record using gin (case_title_grams(title))
    where state in (${sql.join(open.map((s) => sql.lit(s)))})`.execute(db);
  await sql`create index case_record_title_grams_idx on case_record using gin (case_title_grams(title))`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}
