import { CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { containsPattern } from '../../src/server/modules/auth/scope.ts';
import { createCaseReadRepository } from '../../src/server/modules/cases/case-read.repository.ts';
import { seedCases } from '../../src/server/seed/cases.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { CASE_STATES, type CaseState, TERMINAL_STATES } from '../../src/shared/cases/workflow.ts';
import { caseQueueQuerySchema } from '../../src/shared/domain/case.ts';
import { createTestDatabase, onCitus } from '../support/db.ts';

/**
 * The queue's text filter `q` goes through the title bigram index (migration 20261206T1220,
 * issue 16 §8) and still answers exactly what `title LIKE '%q%' OR number = q` answers: for one,
 * two and more characters, Latin and digits (case kept), LIKE's wildcards taken literally,
 * characters outside the BMP, bigrams present but not side by side, and no match at all.
 */
const cipher = createPiiCipher(Buffer.alloc(32, 7).toString('base64'));
const UNTIL = new Date('2026-11-01T00:00:00+08:00');
const TITLES = [
  '电梯经常故障',
  '加装电梯协调',
  '电梯 梯故', // 电梯 and 梯故 both present, 电梯故 is not
  '楼道漏水',
  '水',
  '3号楼Wi-Fi信号差',
  'ABC物业不回电话',
  'abc小区门禁坏了',
  '满意度100%',
  'a_b路段积水',
  'axb路段',
  '反映😀😀漏水',
  '哈哈哈哈',
];
const QUERIES = [
  '电梯',
  '梯故',
  '电梯故',
  '电梯经常故障',
  '水',
  '漏水',
  'Wi-Fi',
  'wi-fi',
  '3号楼',
  'abc',
  'ABC',
  '100%',
  '%',
  'a_b',
  '_',
  '😀漏',
  '😀',
  '哈哈',
  '哈哈哈',
  '火星',
  '火星救援',
];

const OPEN_STATES = CASE_STATES.filter((s) => !TERMINAL_STATES.has(s));

let database: Database;
let district: string;
let someNumber: string;

const scope = () => ({ districtCode: district, paths: [district], departmentIds: [] });
const caller = { userId: '00000000-0000-7000-8000-000000000000', departmentIds: [], handlingPaths: [] };

/** The ids the queue answers for `q` (every state, or the default open view), and its total. */
async function viaQueue(db: Database['db'], q: string, everyState = true) {
  const { page: _page, ...query } = caseQueueQuerySchema.parse({
    q,
    limit: 100,
    ...(everyState ? { state: [...CASE_STATES] } : {}),
  });
  const result = await createCaseReadRepository(db).queue(scope(), query, caller, UNTIL, {});
  expect(result.hasMore).toBe(false);
  expect(result.total).toBe(result.rows.length);
  return result.rows.map((r) => r.id).sort();
}

/** What the filter answered before the index: the LIKE over every case of the district. */
async function viaLike(q: string, states: readonly CaseState[] = CASE_STATES) {
  const rows = await database.db
    .selectFrom('case_record')
    .select('id')
    .where('district_code', '=', district)
    .where('state', 'in', [...states])
    .where((eb) => eb.or([eb('title', 'like', containsPattern(q)), eb('number', '=', q)]))
    .execute();
  return rows.map((r) => r.id).sort();
}

/** The plan of `statement` with case_record's own btree indexes dropped for a rolled-back moment. */
async function explainWithoutOtherIndexes(statement: CompiledQuery): Promise<string> {
  const rollback = new Error('roll back');
  let plan = '';
  await database.db
    .transaction()
    .execute(async (trx) => {
      const { rows } = await sql<{ name: string }>`
        select indexname as name from pg_indexes
        where tablename = 'case_record' and indexname not like '%title_grams%'
          and indexname not in (select conname from pg_constraint)`.execute(trx);
      for (const { name } of rows) await sql`drop index ${sql.id(name)}`.execute(trx);
      // On Citus the plan that matters is the worker's: the settings must travel to it.
      if (onCitus()) await sql`set local citus.propagate_set_commands = 'local'`.execute(trx);
      await sql`set local enable_seqscan = off`.execute(trx);
      // Each row tested is dear, as it is over a district's ledger: the index that tests fewest wins.
      await sql`set local cpu_operator_cost = 1`.execute(trx);
      const explained = await trx.executeQuery<Record<string, string>>(
        CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]),
      );
      plan = explained.rows.map((r) => Object.values(r)[0]).join('\n');
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return plan;
}

/** Distinct runs of two characters (code points, as PostgreSQL counts them), sorted. */
const bigrams = (text: string) => {
  const chars = [...text];
  return [...new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`))].sort();
};

beforeAll(async () => {
  database = await createTestDatabase();
  district = (await seed(database, { scale: 'demo', households: 0, cipher })).districts[0] as string;
  await seedCases(database, district, { count: 80, until: UNTIL, cipher, openShare: 0.5 });
  const cases = await database.db
    .selectFrom('case_record')
    .select(['id', 'number'])
    .where('district_code', '=', district)
    .orderBy('id')
    .execute();
  // Every title twice: once on an open case, once on a closed one, so both indexes are asked.
  const open = await database.db
    .selectFrom('case_record')
    .select('id')
    .where('district_code', '=', district)
    .where('state', 'in', OPEN_STATES)
    .orderBy('id')
    .execute();
  const closed = cases.filter((c) => !open.some((o) => o.id === c.id));
  for (const [i, title] of TITLES.entries()) {
    for (const row of [open[i], closed[i]]) {
      if (!row) throw new Error('the seeded district has too few cases for the sample titles');
      await database.db.updateTable('case_record').set({ title }).where('id', '=', row.id).execute();
    }
  }
  someNumber = (cases[0] as { number: string }).number;
  await sql`analyze case_record`.execute(database.db);
});

afterAll(async () => database?.close());

describe('the title bigrams', () => {
  it('are the distinct pairs of neighbouring characters, the same in SQL as in a plain reading', async () => {
    for (const text of [...TITLES, 'x', '', '电梯']) {
      const { rows } = await sql<{ grams: string[] }>`select case_title_grams(${text}) as grams`.execute(
        database.db,
      );
      expect([...(rows[0]?.grams ?? [])].sort(), text).toEqual(bigrams(text));
    }
  });
});

describe('the queue filter q', () => {
  it('answers exactly what the LIKE answered, over every state', async () => {
    const matched = new Set<string>();
    for (const q of [...QUERIES, someNumber, someNumber.slice(0, 8)]) {
      const expected = await viaLike(q);
      expect(await viaQueue(database.db, q), q).toEqual(expected);
      for (const id of expected) matched.add(id);
    }
    // The samples do discriminate: some match, and the side-by-side check refuses a title.
    expect((await viaLike('电梯故')).length).toBe(0);
    expect((await viaLike('电梯')).length).toBeGreaterThanOrEqual(6);
    expect((await viaLike(someNumber)).length).toBe(1);
    expect(matched.size).toBeGreaterThan(20);
  });

  it('answers exactly what the LIKE answered in the default (open) view', async () => {
    for (const q of ['电梯', '漏水', '电梯故', 'Wi-Fi', '水', '火星']) {
      expect(await viaQueue(database.db, q, false), q).toEqual(await viaLike(q, OPEN_STATES));
    }
  });

  it('can reach the bigram index for a word of two and of more characters', async () => {
    const seen: CompiledQuery[] = [];
    const capture: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => {
        seen.push(database.db.getExecutor().compileQuery(node, queryId));
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    for (const q of ['电梯', '拖欠工资']) {
      seen.length = 0;
      await viaQueue(database.db.withPlugin(capture), q, false);
      // The capped total and the page (the total's inner select passes the plugin on its own too).
      const statements = seen.filter((s) => /^select (\/\* custom plan \*\/ )?count|order by/.test(s.sql));
      expect(statements.length).toBe(2);
      for (const statement of statements) {
        // A sample this small is best read whole or through the btree indexes: the plan is asked
        // without them (dropped inside a transaction that is then rolled back).
        const plan = await explainWithoutOtherIndexes(statement);
        expect(plan, `${q}: ${statement.sql}`).toMatch(/title_grams_idx/);
      }
    }
  });
});
