import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One path for every change to a case (src/server/modules/cases/case-change.ts): this suite fails
 * when any other file writes a case's timeline event or a case's audit row, so a new writer
 * (a channel, a job, an integration) has to go through the path and its rollup hook.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = join(ROOT, 'src/server');
const THE_PATH = 'src/server/modules/cases/case-change.ts';

/** Files that may hold SQL writing `case_event`, and why. */
const EVENT_SQL_ALLOWED: Record<string, string> = {
  'src/server/modules/cases/cases.repository.ts':
    "the path's own SQL (insertEvent, insertWithEvent, called only by the path)",
  'src/server/seed/case-seed.repository.ts':
    'generated demo and benchmark history, written in bulk, not a change',
};

const READS = /(selectFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*$/;

/**
 * Places in `source` that may write `case_event` rows: every mention of the table as a quoted name
 * that is not a read (so a bulk helper taking the name counts too), and raw SQL that writes it.
 */
function caseEventWrites(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/['"`]case_event(\s+as\s+\w+)?['"`]/g)) {
    const before = source.slice(Math.max(0, m.index - 40), m.index);
    if (!READS.test(before)) found.push(source.slice(Math.max(0, m.index - 30), m.index + m[0].length));
  }
  for (const m of source.matchAll(/\b(insert\s+into|update|delete\s+from|merge\s+into)\s+"?case_event\b/gi)) {
    found.push(m[0]);
  }
  return found;
}

/** Calls of the case repository's event writers (an event alone, or a new case with its event). */
function insertEventCalls(source: string): string[] {
  return [...source.matchAll(/\.insert(With)?Event\s*\(/g)].map((m) => m[0]);
}

/** Audit rows about a case: its object type, or an action in the `case.` family. */
function caseAuditWrites(source: string): string[] {
  const patterns = [/object_?[tT]ype\s*:\s*['"`]case['"`]/g, /\baction\s*:\s*['"`]case\./g];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[0]));
}

/** Raw writes to the audit log, which would bypass `audit()` and its chain. */
function auditLogWrites(source: string): string[] {
  return [
    ...source.matchAll(/(insertInto|updateTable|deleteFrom)\(\s*['"`]audit_log['"`]/g),
    ...source.matchAll(/\b(insert\s+into|update|delete\s+from)\s+"?audit_log\b/gi),
  ].map((m) => m[0]);
}

function serverSources(): { path: string; source: string }[] {
  return (readdirSync(SERVER, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => {
      const full = join(SERVER, f);
      return { path: relative(ROOT, full).split('\\').join('/'), source: readFileSync(full, 'utf8') };
    })
    .filter((f) => !f.path.startsWith('src/server/db/migrations/'));
}

describe('one path for every change to a case', () => {
  const files = serverSources();
  const offenders = (find: (source: string) => string[], allowed: (path: string) => boolean) =>
    files
      .filter((f) => !allowed(f.path))
      .flatMap((f) => find(f.source).map((hit) => `${f.path}: ${hit.replace(/\s+/g, ' ')}`));

  it('reads the whole server, and finds the path itself writing the event and the audit row', () => {
    expect(files.length).toBeGreaterThan(100);
    const path = files.find((f) => f.path === THE_PATH);
    expect(path).toBeDefined();
    // One call for a new case (with its event), one for a change.
    expect(insertEventCalls(path?.source ?? '')).toEqual(['.insertWithEvent(', '.insertEvent(']);
    expect(caseAuditWrites(path?.source ?? '').length).toBeGreaterThan(0);
    const repository = files.find((f) => f.path === 'src/server/modules/cases/cases.repository.ts');
    expect(caseEventWrites(repository?.source ?? '')).toHaveLength(2);
  });

  it('no other file writes case_event rows', () => {
    expect(offenders(caseEventWrites, (p) => p in EVENT_SQL_ALLOWED)).toEqual([]);
  });

  it('only the path calls the event writer', () => {
    expect(offenders(insertEventCalls, (p) => p === THE_PATH)).toEqual([]);
  });

  it('no other file writes case audit rows', () => {
    expect(offenders(caseAuditWrites, (p) => p === THE_PATH)).toEqual([]);
  });

  it('nothing writes the audit log but its repositories', () => {
    const repositories = [
      'src/server/modules/audit/audit.repository.ts',
      'src/server/modules/audit/audit-append.repository.ts',
    ];
    expect(offenders(auditLogWrites, (p) => repositories.includes(p))).toEqual([]);
  });
});

describe('the detectors see the writes they look for', () => {
  it('finds case_event writes in every form, and not reads', () => {
    expect(caseEventWrites("db.insertInto(\n  'case_event')")).toHaveLength(1);
    expect(caseEventWrites("db.updateTable('case_event as e')")).toHaveLength(1);
    expect(caseEventWrites("insertColumnWise(db, 'case_event', cols, rows)")).toHaveLength(1);
    expect(caseEventWrites('sql`INSERT INTO case_event (seq) values (1)`')).toHaveLength(1);
    expect(caseEventWrites('sql`delete from "case_event" where true`')).not.toHaveLength(0);
    expect(caseEventWrites("db.selectFrom('case_event').selectAll()")).toEqual([]);
    expect(caseEventWrites("q.innerJoin(\n 'case_event as e', 'e.case_id', 'c.id')")).toEqual([]);
    expect(caseEventWrites('select seq from case_event')).toEqual([]);
  });

  it('finds case audit rows and raw audit log writes', () => {
    expect(caseAuditWrites("audit(trx, a, { action: 'x', objectType: 'case' })")).toHaveLength(1);
    expect(
      caseAuditWrites('audit(trx, a, { action: `case.$' + '{name}`, objectType: "region" })'),
    ).toHaveLength(1);
    expect(caseAuditWrites("appendAudit(trx, d, { object_type: 'case' })")).toHaveLength(1);
    expect(caseAuditWrites("audit(trx, a, { action: 'region.moved', objectType: 'region' })")).toEqual([]);
    expect(caseAuditWrites('const topic = `case.$' + '{change.action}`;')).toEqual([]);
    expect(auditLogWrites("trx.insertInto('audit_log').values(row)")).toHaveLength(1);
    expect(auditLogWrites('sql`insert into audit_log values (1)`')).toHaveLength(1);
    expect(auditLogWrites("trx.selectFrom('audit_log')")).toEqual([]);
  });

  it('finds calls of the event writer', () => {
    expect(insertEventCalls('await repo.insertEvent(d, id, 2, event)')).toHaveLength(1);
    expect(insertEventCalls('async insertEvent(districtCode: string)')).toEqual([]);
  });
});
