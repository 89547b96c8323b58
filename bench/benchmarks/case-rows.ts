import crypto from 'node:crypto';
import type pg from 'pg';

/**
 * The intake bench's raw transaction writes the rows a case writes into the same tables, with
 * their indexes, constraints and foreign keys (issue 16 §8: "a raw transaction writing the same
 * rows the case writes"), so that `intake.http_vs_raw_ratio` is the product's overhead and not the
 * cost of the work itself. Each row is a copy of one the HTTP sample's last case wrote, sent as a
 * prepared INSERT with every column as a parameter, with new keys:
 * - the case gets a new id and a number starting with `R`, which the product never issues;
 * - the rows of the case (event, outbox message, figure, audit row) point at the new case;
 * - the audit row goes to a stripe no chain head names (checkpoints and the product's writers
 *   only ever follow heads), the outbox message is born delivered (the server's delivery job
 *   would otherwise send it), and the idempotency record gets a new key.
 * Tables a case writes that are not copied here (an upsert's occasional new row) are written as
 * rows of the plain `bench_raw` table, which the caller keeps for them.
 */

type Row = Record<string, unknown>;

/**
 * How each copied table finds the sample case's row ($1 its district, $2 its id). The figures job
 * folds and deletes deltas within seconds, so a delta is rebuilt from the case's figure row, which
 * holds the same key and counters.
 */
const TEMPLATES: Record<string, string> = {
  case_record: 'select * from case_record where district_code = $1 and id = $2',
  case_event: 'select * from case_event where district_code = $1 and case_id = $2',
  outbox_message: 'select * from outbox_message where district_code = $1 and case_id = $2',
  case_figure: 'select * from case_figure where district_code = $1 and case_id = $2',
  case_figure_delta: `select district_code, case_id as id, day, region_id, category_key, unit_key, counters
    from case_figure where district_code = $1 and case_id = $2`,
  idempotency_key: 'select * from idempotency_key where district_code = $1 order by created_at desc',
  audit_log: 'select * from audit_log where district_code = $1 and object_id = $2::text',
};

/** A raw stripe past any the product creates; its rows are never chained or checkpointed. */
const RAW_STRIPE = 32_767; // the column is a smallint

interface Fresh {
  caseId: string;
  number: string;
  seq: number;
}

/** Each copied table's new keys, from the fresh values of one raw transaction. */
const OVERRIDES: Record<string, (f: Fresh, row: Row, i: number) => Row> = {
  case_record: (f) => ({ id: f.caseId, number: f.number }),
  case_event: (f, row, i) => ({ id: crypto.randomUUID(), case_id: f.caseId, seq: Number(row.seq) + i }),
  outbox_message: (f) => ({ id: crypto.randomUUID(), case_id: f.caseId, delivered_at: new Date() }),
  case_figure: (f) => ({ case_id: f.caseId }),
  case_figure_delta: () => ({ id: crypto.randomUUID() }),
  idempotency_key: () => ({ key: `raw-${crypto.randomUUID()}` }),
  audit_log: (f) => ({ id: crypto.randomUUID(), object_id: f.caseId, stripe: RAW_STRIPE, seq: f.seq }),
};

interface Copy {
  table: string;
  columns: string[];
  json: Set<string>;
  row: Row;
  statement: string;
}

export interface CaseRows {
  /** The copied tables (case first, so the others' foreign keys hold), each `count` rows a case. */
  plan: { table: string; count: number }[];
  /** Writes one case's copied rows on `client`, inside the caller's transaction. */
  write(client: pg.PoolClient): Promise<void>;
}

/**
 * Prepares copies of the rows of the district's newest case for the tables in `perCase` (rows
 * inserted per case); returns the tables it copies, the rest are the caller's.
 */
export async function caseRows(pool: pg.Pool, perCase: Map<string, number>): Promise<CaseRows> {
  const latest = await pool.query<{ district_code: string; id: string; number: string }>(
    'select district_code, id, number from case_record order by created_at desc, id desc limit 1',
  );
  const sample = latest.rows[0];
  if (!sample) throw new Error('intake bench: no case to copy the raw transaction from');
  const copies: Copy[] = [];
  for (const table of Object.keys(TEMPLATES)) {
    if (!perCase.get(table)) continue;
    const template = TEMPLATES[table] as string;
    const found = await pool.query<Row>(
      `${template} limit 1`,
      template.includes('$2') ? [sample.district_code, sample.id] : [sample.district_code],
    );
    const row = found.rows[0];
    if (!row) throw new Error(`intake bench: the sample case wrote no ${table} row to copy`);
    const cols = await pool.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns
       where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
      [table],
    );
    const columns = cols.rows.map((c) => c.column_name);
    copies.push({
      table,
      columns,
      json: new Set(
        cols.rows.filter((c) => c.data_type === 'jsonb' || c.data_type === 'json').map((c) => c.column_name),
      ),
      row,
      statement: `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    });
  }
  let serial = 0;
  const width = sample.number.length - 1;
  return {
    plan: copies.map((c) => ({ table: c.table, count: perCase.get(c.table) as number })),
    async write(client) {
      serial++;
      const fresh: Fresh = {
        caseId: crypto.randomUUID(),
        number: `R${String(serial).padStart(width, '0')}`,
        seq: serial,
      };
      for (const copy of copies) {
        const count = perCase.get(copy.table) as number;
        for (let i = 0; i < count; i++) {
          if (i > 0) fresh.seq = ++serial; // a second audit row of one case takes its own place
          const override = OVERRIDES[copy.table] as (f: Fresh, row: Row, i: number) => Row;
          const row = { ...copy.row, ...override(fresh, copy.row, i) };
          const values = copy.columns.map((c) =>
            copy.json.has(c) && row[c] !== null ? JSON.stringify(row[c]) : row[c],
          );
          await client.query({ name: `raw_copy_${copy.table}`, text: copy.statement, values });
        }
      }
    },
  };
}
