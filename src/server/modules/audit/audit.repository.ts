import { type Kysely, sql } from 'kysely';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { AuditMac } from '../../crypto/audit-mac.ts';
import type { DB } from '../../db/schema.ts';
import { auditMac, chainHash, GENESIS_HASH, HASH_SHA256 } from './audit-chain.ts';
import { readCheckpoints, type SignedCheckpoint } from './audit-checkpoints.ts';

export interface ChainBreak {
  districtCode: string;
  /** The district's chain (0 for rows written before stripes). */
  stripe: number;
  seq: number;
  problem: string;
}

export type ChainBreakKind =
  | 'missing_rows'
  | 'broken_link'
  | 'content_changed'
  | 'head_mismatch'
  | 'no_head'
  | 'downgraded'
  | 'checkpoint';

/** A break's problem as a code, for a message in the reader's language (the CLI prints the words). */
export function chainBreakKind(problem: string): ChainBreakKind {
  if (problem.startsWith('missing rows')) return 'missing_rows';
  if (problem.startsWith('link')) return 'broken_link';
  if (problem.startsWith('row content')) return 'content_changed';
  if (problem.startsWith('chain head')) return 'head_mismatch';
  if (problem.startsWith('row downgraded')) return 'downgraded';
  if (problem.startsWith('checkpoint')) return 'checkpoint';
  return 'no_head';
}

export interface Verification {
  rows: number;
  breaks: ChainBreak[];
  /** What this verification could not rule out (no checkpoints, unpinned plain-hash rows). */
  warnings: string[];
}

export interface VerifyOptions {
  /** The audit key; default: this process's (see setAuditMac). */
  mac?: AuditMac;
  /** Where the server writes its signed checkpoints; unset: no checkpoint is checked. */
  checkpointDir?: string;
  /** More checkpoint files or directories (an operator's copy, exported server logs). */
  extraCheckpoints?: string[];
}

type ChainHead = { district_code: string; stripe: number; seq: number; hash: Uint8Array };

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Recomputes one stripe of a district's chain from its first row to its head: every row's hash
 * (keyed, or plain SHA-256 for the rows before keyed hashes, which may only come first and only
 * on stripe 0, the one chain there was then), every link, and every signed checkpoint's row of
 * this stripe, which must still be there with the same hash.
 */
async function verifyChain(
  db: Kysely<DB>,
  head: ChainHead,
  mac: AuditMac,
  checkpoints: SignedCheckpoint[] | undefined,
): Promise<Verification> {
  const district = head.district_code;
  const stripe = Number(head.stripe);
  const breaks: ChainBreak[] = [];
  const broken = (seq: number, problem: string) =>
    breaks.push({ districtCode: district, stripe, seq, problem });
  const pinned = new Map<number, SignedCheckpoint[]>();
  for (const c of checkpoints ?? []) pinned.set(c.seq, [...(pinned.get(c.seq) ?? []), c]);
  // Every checkpoint carries the same boundary (each continues the last); the strictest counts.
  const legacyUntil = checkpoints?.length ? Math.min(...checkpoints.map((c) => c.legacyUntil)) : undefined;
  const seen = new Set<number>();
  let rows = 0;
  let legacyRows = 0;
  let keyedSeen = false;
  let prev: Uint8Array = GENESIS_HASH;
  let expected = 1;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('district_code', '=', district)
      .where('stripe', '=', stripe)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(2000)
      .execute();
    for (const row of page) {
      rows++;
      const seq = Number(row.seq);
      const version = Number(row.hash_version);
      if (seq !== expected) broken(expected, `missing rows ${expected}..${seq - 1}`);
      if (!Buffer.from(row.prev_hash).equals(Buffer.from(prev)))
        broken(seq, 'link to the previous row is broken');
      if (version === HASH_SHA256) {
        legacyRows++;
        // Plain hashes can be recomputed by anyone: they are only believed on stripe 0, where no
        // keyed row (nor a checkpoint's boundary) says keyed hashes had already begun.
        if (stripe !== 0 || keyedSeen || (legacyUntil !== undefined && seq > legacyUntil))
          broken(seq, 'row downgraded to the plain, unkeyed hash');
      } else keyedSeen = true;
      let recomputed: Buffer | undefined;
      try {
        recomputed = chainHash(mac, version, row.prev_hash, { ...row, seq });
      } catch {
        recomputed = undefined;
      }
      if (!recomputed?.equals(Buffer.from(row.hash))) broken(seq, 'row content does not match its hash');
      for (const c of pinned.get(seq) ?? []) {
        seen.add(seq);
        if (c.hash !== hex(row.hash))
          broken(seq, `checkpoint of ${c.at}: row ${seq} differs from the signed checkpoint`);
      }
      prev = row.hash;
      expected = seq + 1;
      after = seq;
    }
    if (page.length < 2000) break;
  }
  if (Number(head.seq) !== expected - 1 || !Buffer.from(head.hash).equals(Buffer.from(prev)))
    broken(Number(head.seq), 'chain head does not match the last row (rows removed from the end?)');
  for (const [seq, list] of pinned) {
    if (seen.has(seq)) continue;
    broken(
      seq,
      `checkpoint of ${list[0]?.at}: row ${seq} is gone (the log was cut back behind a signed checkpoint)`,
    );
  }
  const warnings: string[] = [];
  if (checkpoints !== undefined && checkpoints.length === 0 && legacyRows > 0)
    warnings.push(
      `district ${district}: ${legacyRows} rows carry the plain SHA-256 of before keyed hashes and no checkpoint pins them`,
    );
  return { rows, breaks, warnings };
}

function checkpointsFor(mac: AuditMac, options: VerifyOptions, district?: string) {
  if (options.checkpointDir === undefined) return undefined;
  return readCheckpoints(mac, options.checkpointDir, {
    ...(district ? { district } : {}),
    extra: options.extraCheckpoints ?? [],
  });
}

function checkpointBreaks(set: ReturnType<typeof checkpointsFor>): ChainBreak[] {
  return (set?.problems ?? []).map((p) => ({
    districtCode: p.district ?? '??????',
    stripe: 0,
    seq: 0,
    problem: `${p.problem} (${p.source})`,
  }));
}

/**
 * Verifies every stripe of the given districts: each head in the database, and each stripe a
 * signed checkpoint names whose head row was deleted (along with its rows, perhaps).
 */
async function verifyDistricts(
  db: Kysely<DB>,
  mac: AuditMac,
  set: ReturnType<typeof checkpointsFor>,
  headRows: ChainHead[],
  districts: string[],
): Promise<Verification> {
  const result: Verification = { rows: 0, breaks: [], warnings: [] };
  for (const district of districts) {
    const checkpoints = set && (set.byDistrict.get(district) ?? []);
    const chains = headRows.filter((h) => h.district_code === district);
    for (const c of checkpoints ?? [])
      if (!chains.some((h) => Number(h.stripe) === c.stripe))
        chains.push({ district_code: district, stripe: c.stripe, seq: 0, hash: GENESIS_HASH });
    chains.sort((a, b) => Number(a.stripe) - Number(b.stripe));
    let rows = 0;
    const warnings: string[] = [];
    for (const head of chains) {
      const stripe = Number(head.stripe);
      const one = await verifyChain(
        db,
        head,
        mac,
        checkpoints?.filter((c) => c.stripe === stripe),
      );
      rows += one.rows;
      result.breaks.push(...one.breaks);
      warnings.push(...one.warnings);
    }
    result.rows += rows;
    if (checkpoints !== undefined && checkpoints.length === 0 && rows > 0)
      warnings.unshift(
        `district ${district}: no signed checkpoint, so rows removed from the end of the log cannot be detected`,
      );
    result.warnings.push(...warnings);
  }
  return result;
}

/** Recomputes every district's chains; returns each break found (empty when intact). */
export async function verifyAuditChains(db: Kysely<DB>, options: VerifyOptions = {}): Promise<Verification> {
  const mac = options.mac ?? auditMac();
  const set = checkpointsFor(mac, options);
  const headRows: ChainHead[] = await db
    .selectFrom('audit_chain_head')
    .selectAll()
    .orderBy('district_code')
    .orderBy('stripe')
    .execute();
  // A district whose head rows were deleted along with its log still has its checkpoints.
  const districts = [
    ...new Set([...headRows.map((h) => h.district_code), ...(set?.byDistrict.keys() ?? [])]),
  ].sort();
  const checked = await verifyDistricts(db, mac, set, headRows, districts);
  const result: Verification = {
    rows: checked.rows,
    breaks: [...checkpointBreaks(set), ...checked.breaks],
    warnings: set === undefined ? ['no checkpoint directory given: checkpoints not checked'] : [],
  };
  result.warnings.push(...checked.warnings);
  for (const o of await headlessStripes(db))
    result.breaks.push({
      districtCode: o.district_code,
      stripe: Number(o.stripe),
      seq: 0,
      problem: 'rows without a chain head',
    });
  return result;
}

/** The stripes that have rows but no head row (none of the chain's checks could start). */
async function headlessStripes(db: Kysely<DB>, districtCode?: string) {
  let q = db
    .selectFrom('audit_log as l')
    .select(['l.district_code', 'l.stripe'])
    .distinct()
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_chain_head as h')
            .select('h.seq')
            .whereRef('h.district_code', '=', 'l.district_code')
            .whereRef('h.stripe', '=', 'l.stripe'),
        ),
      ),
    );
  if (districtCode !== undefined) q = q.where('l.district_code', '=', districtCode);
  return q.orderBy('l.district_code').orderBy('l.stripe').execute();
}

/** Recomputes one district's chains (what its auditor may check from the audit page). */
export async function verifyDistrictChain(
  db: Kysely<DB>,
  districtCode: string,
  options: VerifyOptions = {},
): Promise<Verification> {
  const mac = options.mac ?? auditMac();
  const set = checkpointsFor(mac, options, districtCode);
  const headRows: ChainHead[] = await db
    .selectFrom('audit_chain_head')
    .selectAll()
    .where('district_code', '=', districtCode)
    .orderBy('stripe')
    .execute();
  const checked = await verifyDistricts(db, mac, set, headRows, [districtCode]);
  const breaks = [...checkpointBreaks(set), ...checked.breaks];
  for (const o of await headlessStripes(db, districtCode))
    breaks.push({ districtCode, stripe: Number(o.stripe), seq: 0, problem: 'rows without a chain head' });
  return { rows: checked.rows, breaks, warnings: checked.warnings };
}

/** Each stripe's chain head with the row it points at (undefined fields when that row is gone). */
export function listChainTips(db: Kysely<DB>) {
  return db
    .selectFrom('audit_chain_head as h')
    .leftJoin('audit_log as l', (j) =>
      j
        .onRef('l.district_code', '=', 'h.district_code')
        .onRef('l.stripe', '=', 'h.stripe')
        .onRef('l.seq', '=', 'h.seq'),
    )
    .select([
      'h.district_code',
      'h.stripe',
      'h.seq as head_seq',
      'h.hash as head_hash',
      'l.seq',
      'l.id',
      'l.at',
      'l.actor_id',
      'l.actor_name',
      'l.actor_roles',
      'l.scope',
      'l.action',
      'l.object_type',
      'l.object_id',
      'l.result',
      'l.source_ip',
      'l.detail',
      'l.prev_hash',
      'l.hash',
      'l.hash_version',
    ])
    .orderBy('h.district_code')
    .orderBy('h.stripe')
    .execute();
}

/** The hash of one row of a district's stripe, if the row is there. */
export async function auditRowHash(db: Kysely<DB>, districtCode: string, stripe: number, seq: number) {
  const row = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('district_code', '=', districtCode)
    .where('stripe', '=', stripe)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row?.hash;
}

/**
 * The last row with a plain SHA-256 hash (0: none): asked once per district, at its first
 * checkpoint. Such rows are only ever on stripe 0 (they predate stripes).
 */
export async function lastPlainHashSeq(db: Kysely<DB>, districtCode: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('district_code', '=', districtCode)
    .where('stripe', '=', 0)
    .where('hash_version', '=', HASH_SHA256)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** A LIKE pattern for values starting with `text`, its wildcards taken literally. */
const startsWithPattern = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A page of one district's audit log, newest first, with the auditor's filters. */
export function listAudit(
  db: Kysely<DB>,
  districtCode: string,
  filter: {
    /** An action, its dotted beginning (`auth`, `auth.`), or any beginning followed by `*`. */
    action?: string | undefined;
    actor?: string | undefined;
    objectType?: string | undefined;
    objectId?: string | undefined;
    result?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    /** The last row of the previous page: rows older than it (by time, then id). */
    before?: { at: Date; id: string } | undefined;
    limit: number;
  },
) {
  let q = db.selectFrom('audit_log').selectAll().where('district_code', '=', districtCode);
  const action = filter.action;
  if (action) {
    // `auth.` or `auth*`: every action starting so; `auth` or `auth.password`: that action and the
    // ones below it (`auth.password` does not take in `auth.password_changed`).
    if (action.endsWith('*')) q = q.where('action', 'like', startsWithPattern(action.slice(0, -1)));
    else if (action.endsWith('.')) q = q.where('action', 'like', startsWithPattern(action));
    else
      q = q.where((eb) =>
        eb.or([eb('action', '=', action), eb('action', 'like', startsWithPattern(`${action}.`))]),
      );
  }
  if (filter.actor) q = q.where('actor_name', '=', filter.actor);
  if (filter.objectType) q = q.where('object_type', '=', filter.objectType);
  if (filter.objectId) q = q.where('object_id', '=', filter.objectId);
  if (filter.result) q = q.where('result', '=', filter.result);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  const before = filter.before;
  if (before) q = q.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(before.at, before.id)));
  // Newest first across the district's stripes: by time, then by the time-ordered uuidv7 id.
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/**
 * Where each kind of audited object keeps the name an auditor reads. Only names of places,
 * organisations, staff and records — never a resident's name or address: the auditor holds no
 * personal-data permission (a household is named by its code).
 */
const OBJECT_NAMES: Record<string, { table: keyof DB; column: string }> = {
  user: { table: 'app_user', column: 'display_name' },
  case: { table: 'case_record', column: 'number' },
  household: { table: 'household', column: 'code' },
  enterprise: { table: 'enterprise', column: 'name' },
  region: { table: 'region', column: 'name' },
  department: { table: 'department', column: 'name' },
  case_category: { table: 'case_category', column: 'name' },
  campaign: { table: 'campaign', column: 'name' },
  visit_team: { table: 'visit_team', column: 'name' },
  case_view: { table: 'case_view', column: 'name' },
};

type NamedRow = { id: string; name: string };
type Namer = (db: Kysely<DB>, districtCode: string, ids: string[]) => Promise<NamedRow[]>;

/**
 * Kinds with no name of their own, named from what they point at (one query per kind, same
 * rule: a visit's household by its code, never its address).
 */
const COMPOSED_NAMES: Record<string, Namer> = {
  visit: async (db, districtCode, ids) =>
    (
      await db
        .selectFrom('visit as v')
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'v.district_code').onRef('r.id', '=', 'v.region_id'),
        )
        .leftJoin('household as h', (j) =>
          j.onRef('h.district_code', '=', 'v.district_code').onRef('h.id', '=', 'v.household_id'),
        )
        .leftJoin('enterprise as e', (j) =>
          j.onRef('e.district_code', '=', 'v.district_code').onRef('e.id', '=', 'v.enterprise_id'),
        )
        .select([
          'v.id',
          'v.started_at',
          'v.place_name',
          'r.name as region',
          'h.code',
          'e.name as enterprise',
        ])
        .where('v.district_code', '=', districtCode)
        .where('v.id', 'in', ids)
        .execute()
    ).map((v) => ({
      id: v.id,
      name: `${v.code ?? v.enterprise ?? v.place_name ?? v.region} · ${cstDay(new Date(v.started_at))}`,
    })),
  spot_check: async (db, districtCode, ids) =>
    (
      await db
        .selectFrom('spot_check as c')
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'c.district_code').onRef('r.id', '=', 'c.region_id'),
        )
        .select(['c.id', 'c.period_from', 'c.period_to', 'r.name'])
        .where('c.district_code', '=', districtCode)
        .where('c.id', 'in', ids)
        .execute()
    ).map((c) => ({ id: c.id, name: `${c.name} ${c.period_from}–${c.period_to}` })),
  mentor_pair: async (db, districtCode, ids) =>
    (
      await db
        .selectFrom('mentor_pair as p')
        .innerJoin('app_user as m', (j) =>
          j.onRef('m.district_code', '=', 'p.district_code').onRef('m.id', '=', 'p.mentor_id'),
        )
        .innerJoin('app_user as e', (j) =>
          j.onRef('e.district_code', '=', 'p.district_code').onRef('e.id', '=', 'p.mentee_id'),
        )
        .select(['p.id', 'm.display_name as mentor', 'e.display_name as mentee'])
        .where('p.district_code', '=', districtCode)
        .where('p.id', 'in', ids)
        .execute()
    ).map((p) => ({ id: p.id, name: `${p.mentor} → ${p.mentee}` })),
  visit_assignment: async (db, districtCode, ids) =>
    (
      await db
        .selectFrom('visit_assignment as a')
        .innerJoin('app_user as u', (j) =>
          j.onRef('u.district_code', '=', 'a.district_code').onRef('u.id', '=', 'a.user_id'),
        )
        .leftJoin('household as h', (j) =>
          j
            .onRef('h.district_code', '=', 'a.district_code')
            .onRef('h.id', '=', 'a.subject_id')
            .on('a.subject_type', '=', 'household'),
        )
        .leftJoin('enterprise as e', (j) =>
          j
            .onRef('e.district_code', '=', 'a.district_code')
            .onRef('e.id', '=', 'a.subject_id')
            .on('a.subject_type', '=', 'enterprise'),
        )
        .leftJoin('region as r', (j) =>
          j
            .onRef('r.district_code', '=', 'a.district_code')
            .onRef('r.id', '=', 'a.subject_id')
            .on('a.subject_type', '=', 'region'),
        )
        .select(['a.id', 'u.display_name as person', 'h.code', 'e.name as enterprise', 'r.name as region'])
        .where('a.district_code', '=', districtCode)
        .where('a.id', 'in', ids)
        .execute()
    ).map((a) => ({ id: a.id, name: `${a.person} → ${a.code ?? a.enterprise ?? a.region ?? '—'}` })),
  // A rule is read beside its kind of object ("visit rule"); the place it applies to tells rules apart.
  visit_rule: async (db, districtCode, ids) =>
    db
      .selectFrom('visit_rule as v')
      .innerJoin('region as r', (j) =>
        j.onRef('r.district_code', '=', 'v.district_code').onRef('r.id', '=', 'v.region_id'),
      )
      .select(['v.id', 'r.name'])
      .where('v.district_code', '=', districtCode)
      .where('v.id', 'in', ids)
      .execute(),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function namesIn(
  db: Kysely<DB>,
  districtCode: string,
  place: { table: keyof DB; column: string } | Namer,
  ids: readonly string[],
): Promise<Map<string, string>> {
  // Only well-formed ids reach the uuid columns (an object id may be a district code or a file name).
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const rows =
    typeof place === 'function'
      ? await place(db, districtCode, wanted)
      : (
          await sql<NamedRow>`
            select id, ${sql.ref(place.column)} as name from ${sql.table(place.table)}
            where district_code = ${districtCode} and id in (${sql.join(wanted)})`.execute(db)
        ).rows;
  return new Map(rows.map((r) => [String(r.id).toLowerCase(), r.name]));
}

/**
 * The names an auditor reads beside a page of rows, looked up now (read-only: the rows and their
 * hashes stay as written): each actor's display name by account id, each object's name by type and id.
 */
export async function auditNames(
  db: Kysely<DB>,
  districtCode: string,
  rows: readonly {
    actor_id: string | null;
    actor_name: string | null;
    object_type: string | null;
    object_id: string | null;
  }[],
): Promise<{
  actor(row: { actor_id: string | null; actor_name: string | null }): string | null;
  object(type: string | null, id: string | null): string | null;
}> {
  const actors = await namesIn(
    db,
    districtCode,
    { table: 'app_user', column: 'display_name' },
    rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
  );
  // Before the second sign-in step there is no principal yet, only the name typed in.
  const typed = [...new Set(rows.flatMap((r) => (!r.actor_id && r.actor_name ? [r.actor_name] : [])))];
  const byUsername = new Map(
    typed.length
      ? (
          await db
            .selectFrom('app_user')
            .select(['username', 'display_name'])
            .where('district_code', '=', districtCode)
            .where('username', 'in', typed)
            .execute()
        ).map((u) => [u.username, u.display_name])
      : [],
  );
  const objects = new Map<string, Map<string, string>>();
  for (const [type, place] of [...Object.entries(OBJECT_NAMES), ...Object.entries(COMPOSED_NAMES)]) {
    const ids = rows.flatMap((r) => (r.object_type === type && r.object_id ? [r.object_id] : []));
    if (ids.length) objects.set(type, await namesIn(db, districtCode, place, ids));
  }
  return {
    actor: (row) =>
      row.actor_id
        ? (actors.get(row.actor_id.toLowerCase()) ?? null)
        : row.actor_name
          ? (byUsername.get(row.actor_name) ?? null)
          : null,
    object: (type, id) => (type && id ? (objects.get(type)?.get(id.toLowerCase()) ?? null) : null),
  };
}

/** The distinct action names in a district's log, for the filter's choices. */
export async function listAuditActions(db: Kysely<DB>, districtCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .where('district_code', '=', districtCode)
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}
