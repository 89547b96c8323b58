import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { reaches } from '../../shared/auth/reach.ts';
import { ROLE_PERMISSIONS, type Role } from '../../shared/auth/roles.ts';
import { isUnitMember, levelDispatchers } from '../../shared/cases/levels.ts';
import type { CaseState } from '../../shared/cases/workflow.ts';
import { cstWeekday, cstYear, DAY_MS, startOf } from '../../shared/time/china-time.ts';
import type { PiiCipher } from '../crypto/pii.ts';
import type { Database } from '../db/engine.ts';
import type { DB } from '../db/schema.ts';
import { refreshStatistics } from '../db/statistics.ts';
import { rebuildCaseFigures } from '../modules/cases/case-figures.ts';
import { formatCaseNumber } from '../modules/cases/case-numbers.ts';
import { createCaseSeedRepository, type SeedCaseEventRow, type SeedCaseRow } from './case-seed.repository.ts';
import { givenName, surname } from './names.ts';
import { mobilePhone } from './phones.ts';
import { createRng, type Rng, weighted } from './random.ts';
import { DEFAULT_SEED } from './seed.ts';
import { SeedError } from './seed-error.ts';

/**
 * Generated cases for benchmarks and demos, written straight into the tables (not through the API):
 * `count` cases over the `days` before `until`, on the grids, categories, departments and accounts a
 * seeded district already has. Deterministic for a seed and the same district. The shape follows
 * what a district's case ledger looks like: intake grows ~15% a year and is lower at weekends and at
 * night; most cases are closed, about `openShare` are still open (the younger a case, the likelier it
 * is open), spread over the workflow's states; handled at community, street or district level by
 * the unit the category and level imply. Every case gets its submit event; with `events: 'all'` also
 * the rest of a plausible timeline (accept, dispatch, sign, reply, …) ending in its state, each
 * step by an account the workflow lets fire it (seedActors below) when the accounts' grants are
 * known: a dispatcher of the case's level routes it, a member of the handling unit signs and
 * replies, the first responder reviews and asks for the rating; administrators never act. Clocks,
 * tasks, ratings rows and audit rows are not generated: the record's own columns (overdue,
 * next_due_at, latest_rating) carry what queues and figures read.
 */
export interface CaseSeedOptions {
  count: number;
  seed?: number;
  /** The end of the generated period (exclusive); cases are created before it. */
  until: Date;
  /** Length of the period in days (default three years). */
  days?: number;
  /** Share of cases not yet in a terminal state (default 0.10). */
  openShare?: number;
  /** Only the submit event per case (default), or a whole timeline per case. */
  events?: 'submit' | 'all';
  /** Encrypts reporters' phones as intake does; without it reporters have no phone. */
  cipher?: PiiCipher;
  /** Cases per generated batch, at least (whole days; one transaction when seeding). */
  batchSize?: number;
}

/** What a district holds that generated cases refer to. */
export interface CaseSeedWorld {
  districtCode: string;
  grids: readonly { id: string; path: string; name: string }[];
  communities: readonly { id: string; path: string; name: string }[];
  streets: readonly { id: string; path: string; code: string; name: string }[];
  /** Leaf categories (and tops without children), with the department owning their cases. */
  categories: readonly { id: string; code: string; departmentId: string | null }[];
  /** District bureaus (any order) and each street's offices by office key (urban, safety …). */
  districtDepartments: readonly string[];
  streetOffices: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /**
   * Department names, for a timeline step by a unit the district has no account of (a benchmark's
   * district; the demo gives every unit one, demo-accounts.ts `seedDemoUnitAccounts`).
   */
  departmentNames?: ReadonlyMap<string, string>;
  /**
   * The accounts, with their grants when known; without grants any account may take any step
   * (a made-up world of generator tests).
   */
  users: readonly { id: string; name: string; grants?: readonly SeedGrant[]; active?: boolean }[];
}

/** A grant as the case seed reads it: the role and the region path or the department it stands on. */
export interface SeedGrant {
  role: Role;
  /** The region's path; the district code for a district-wide or a department grant. */
  scopePath: string;
  departmentId: string | null;
}

type SeedUser = CaseSeedWorld['users'][number];

/**
 * Who may take each kind of step on a case (docs/specs/workflow.md "Who may act"), from the
 * accounts' grants: the dispatchers of the case's level where it lies (a community without its
 * own is routed by its street's), the handling unit's members, and who records a visit's or a
 * walk-in's case. With no grants known every account is a candidate.
 */
function seedActors(users: readonly SeedUser[]) {
  const graded = users.some((u) => u.grants !== undefined);
  // A deactivated account may stand in a unit's history, never where a live step must follow
  // (routing, recording a visit's problem: its recorder owns the follow-up).
  const active = users.filter((u) => u.active !== false);
  const holders = (test: (g: SeedGrant) => boolean, among: readonly SeedUser[] = active) =>
    among.flatMap((user) =>
      (user.grants ?? []).filter(test).map((g) => ({ user, scopePath: g.scopePath, grant: g })),
    );
  const may = (g: SeedGrant, ...permissions: string[]) =>
    permissions.every((p) => (ROLE_PERMISSIONS[g.role] as readonly string[]).includes(p));
  const dispatchers = holders((g) => g.role === 'dispatcher' && g.departmentId === null);
  const handlers = holders((g) => may(g, 'cases:handle'), users);
  const visitRecorders = holders((g) => g.departmentId === null && may(g, 'cases:create', 'visits:write'));
  return {
    /** The dispatchers who route a case at `level` on the place at `path`. */
    dispatchers(path: string, level: number): readonly SeedUser[] {
      if (!graded) return users;
      return levelDispatchers(
        dispatchers.filter((d) => reaches(d.scopePath, path)),
        level,
      ).map((d) => d.user);
    },
    /**
     * The members of the handling unit: a department's handlers, or a community's or grid's; its
     * active ones when it has any, else the deactivated accounts that stand for its staff.
     */
    unit(departmentId: string | null, regionPath: string | null): readonly SeedUser[] {
      if (!graded) return users;
      const members = handlers
        .filter(({ grant }) =>
          departmentId !== null
            ? grant.departmentId === departmentId
            : grant.departmentId === null && isUnitMember(grant.scopePath, regionPath),
        )
        .map((h) => h.user);
      const live = members.filter((u) => u.active !== false);
      return live.length > 0 ? live : members;
    },
    /** Who records a problem raised on a visit there: the closest visiting accounts reaching it. */
    visitRecorders(path: string): readonly SeedUser[] {
      if (!graded) return users;
      const reaching = visitRecorders.filter((v) => reaches(v.scopePath, path));
      const depth = Math.max(-1, ...reaching.map((v) => v.scopePath.split('.').length));
      return reaching.filter((v) => v.scopePath.split('.').length === depth).map((v) => v.user);
    },
  };
}

export interface CaseBatch {
  cases: SeedCaseRow[];
  events: SeedCaseEventRow[];
}

const pickChannel = weighted([
  ['visit', 34],
  ['hotline_12345', 26],
  ['wechat', 12],
  ['self_report', 10],
  ['walk_in', 8],
  ['enterprise', 5],
  ['forum', 3],
  ['api', 2],
] as const);
const pickKind = weighted([
  ['complaint', 35],
  ['help', 25],
  ['consultation', 15],
  ['report', 10],
  ['suggestion', 8],
  ['dispute', 7],
] as const);
const pickUrgency = weighted([
  ['ordinary', 80],
  ['important', 15],
  ['urgent', 5],
] as const);
const pickListType = weighted([
  ['problem', 60],
  ['need', 30],
  ['hard_problem', 10],
] as const);
const pickLevel = weighted([
  [1, 60],
  [0, 25],
  [2, 15],
] as const);
const pickHour = weighted(
  Array.from({ length: 24 }, (_, h) => [h, h >= 8 && h <= 17 ? 10 : h >= 18 && h <= 21 ? 4 : 1] as const),
);
const pickTerminal = weighted<CaseState>([
  ['closed', 90],
  ['rejected', 4],
  ['merged', 3],
  ['cancelled', 3],
]);
// Open states by age: a day-old case is mostly waiting for the dispatcher, an old one is in hand.
const pickOpenFresh = weighted<CaseState>([
  ['submitted', 45],
  ['accepted', 15],
  ['dispatched', 20],
  ['in_progress', 20],
]);
const pickOpenWeek = weighted<CaseState>([
  ['submitted', 8],
  ['accepted', 7],
  ['dispatched', 10],
  ['returned', 3],
  ['in_progress', 52],
  ['replied', 12],
  ['follow_up', 8],
]);
const pickOpenOld = weighted<CaseState>([
  ['submitted', 2],
  ['accepted', 3],
  ['dispatched', 3],
  ['returned', 2],
  ['in_progress', 55],
  ['replied', 10],
  ['follow_up', 17],
  ['reopened', 8],
]);

type Step = readonly [action: string, to: CaseState];
/** Steps of the handling unit and of the first responder; every other seeded step is a dispatcher's. */
const UNIT_STEPS: ReadonlySet<string> = new Set(['sign', 'return', 'reply']);
const FIRST_RESPONDER_STEPS: ReadonlySet<string> = new Set(['approve_reply', 'rate']);
const HANDLED: readonly Step[] = [
  ['accept', 'accepted'],
  ['dispatch', 'dispatched'],
  ['sign', 'in_progress'],
  ['reply', 'replied'],
  ['approve_reply', 'follow_up'],
];
/** The timeline (after submit) that leads to each state. */
function stepsTo(state: CaseState, variant: 'handled' | 'on_spot' | 'answered'): Step[] {
  switch (state) {
    case 'submitted':
      return [];
    case 'accepted':
      return HANDLED.slice(0, 1);
    case 'dispatched':
      return HANDLED.slice(0, 2);
    case 'returned':
      return [...HANDLED.slice(0, 2), ['return', 'returned']];
    case 'in_progress':
      return HANDLED.slice(0, 3);
    case 'replied':
      return HANDLED.slice(0, 4);
    case 'follow_up':
      return [...HANDLED];
    case 'reopened':
      return [...HANDLED, ['rate', 'reopened']];
    case 'closed':
      if (variant === 'answered')
        return [
          ['answer', 'replied'],
          ['approve_reply', 'follow_up'],
          ['rate', 'closed'],
        ];
      if (variant === 'on_spot')
        return [
          ['accept', 'accepted'],
          ['resolve_on_spot', 'replied'],
          ['approve_reply', 'follow_up'],
          ['rate', 'closed'],
        ];
      return [...HANDLED, ['rate', 'closed']];
    case 'rejected':
      return [['reject', 'rejected']];
    case 'merged':
      return [['merge', 'merged']];
    case 'cancelled':
      return [
        ['accept', 'accepted'],
        ['cancel', 'cancelled'],
      ];
  }
}

// What residents report, by top category code (a subcategory's code starts with its top's).
const PHRASES: Record<string, readonly string[]> = {
  urban: [
    '垃圾清运不及时',
    '路灯损坏不亮',
    '窨井盖缺失',
    '人行道砖松动',
    '占道经营',
    '违章搭建',
    '绿化带被毁',
  ],
  env: ['餐馆油烟扰民', '夜间施工噪声', '河道有异味', '工地扬尘严重', '垃圾焚烧异味'],
  housing: ['物业服务不到位', '楼道漏水', '电梯经常故障', '外墙脱落', '加装电梯协调', '房屋交付质量问题'],
  transport: ['公交站台损坏', '小区周边乱停车', '道路坑洼积水', '红绿灯故障', '网约车绕路'],
  welfare: ['低保申请咨询', '高龄补贴未到账', '居家养老服务申请', '残疾人补贴咨询', '医保缴费问题'],
  labour: ['拖欠工资', '劳动合同纠纷', '就业补贴申请', '技能培训报名'],
  education: ['入学政策咨询', '校外培训退费', '校门口交通安全', '托育机构收费'],
  health: ['社区医院排队久', '疫苗接种预约', '家庭医生签约', '诊所收费不规范'],
  security: ['小区治安隐患', '电信诈骗求助', '电动车乱停放', '居住证办理'],
  disputes: ['邻里噪声纠纷', '楼上漏水纠纷', '宅基地纠纷', '借款纠纷调解'],
  enterprise: ['惠企政策申报', '企业融资需求', '企业招工难', '厂房租赁问题', '证照办理咨询'],
  market: ['食品安全问题', '预付卡退费', '商品价格不明', '产品质量投诉'],
  other: ['政策咨询', '意见建议', '表扬网格员', '其他事项'],
};
const DETAILS = [
  '已持续一段时间，影响居民正常生活。',
  '多次反映未见改善，希望尽快处理。',
  '涉及周边多户居民，请相关部门核实。',
  '雨天情况更为严重，存在安全隐患。',
  '希望社区协调解决并及时反馈。',
] as const;
const REASONS = ['经核实不属实', '重复反映，已合并处理', '当事人撤回', '不属于本级职责范围'] as const;
// Which street office takes a street-level case, by top category.
const OFFICE_BY_TOP: Record<string, string> = {
  security: 'safety',
  disputes: 'safety',
  welfare: 'social',
  labour: 'social',
  education: 'social',
  health: 'social',
  enterprise: 'economy',
  market: 'economy',
};
// Handling time limit in days by urgency (ordinary: 15 working days ≈ 21 calendar days).
const LIMIT_DAYS = { urgent: 1, important: 7, ordinary: 21 } as const;

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** The decay (days) of the chance of a case being open with its age, so that `share` are open. */
function openDecayDays(perDay: readonly number[], share: number): number {
  const total = perDay.reduce((s, n) => s + n, 0);
  const open = (tau: number) =>
    perDay.reduce((s, n, d) => s + n * Math.exp(-(perDay.length - d - 0.5) / tau), 0);
  let lo = 0.01;
  let hi = 100_000;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (open(mid) < share * total) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Splits `total` over days by weight, deterministically, rounding by largest remainder. */
function perDayCounts(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) {
    const i = (order[k % order.length] as readonly [number, number])[1];
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Generates the cases batch by batch (chronologically, so ids and numbers sort by creation time as
 * real ones do). `nextSeqByYear` is complete once the generator is exhausted.
 */
export function generateCases(world: CaseSeedWorld, options: CaseSeedOptions) {
  const seed = options.seed ?? DEFAULT_SEED;
  const days = options.days ?? 3 * 365;
  const batchSize = options.batchSize ?? 20_000;
  const allEvents = options.events === 'all';
  if (!Number.isInteger(options.count) || options.count < 0) throw new SeedError('count must be ≥ 0');
  if (world.grids.length === 0) throw new SeedError('The district has no grids to place cases on.');
  if (world.categories.length === 0) throw new SeedError('The district has no case categories.');
  const rng = createRng(seed, `cases/${world.districtCode}`);
  const idRandom = new Uint8Array(16);
  const newId = (ms: number) => uuidv7({ msecs: ms, random: rng.fill(idRandom) });

  // Places: grids weighted unevenly (a busy market grid reports far more than a quiet village one).
  const shapeRng = rng.fork('shape');
  const pickGrid = weighted(world.grids.map((g) => [g, Math.exp(0.7 * normal(shapeRng))] as const));
  const pickCategory = weighted(
    world.categories.map((c, i) => [c, 1 / (1 + ((i * 7) % 23)) ** 0.8] as const),
  );
  const communityOf = new Map(world.communities.map((c) => [c.path, c]));
  const streetOf = new Map(world.streets.map((s) => [s.path, s]));
  const actors = seedActors(world.users);
  const pickOf = (candidates: readonly SeedUser[]) => (candidates.length > 0 ? rng.pick(candidates) : null);

  const endMs = options.until.getTime();
  // Days start at CST midnight.
  const firstDayMs = startOf('day', options.until).getTime() - days * DAY_MS;
  const weights = Array.from({ length: days }, (_, d) => {
    const weekend = cstWeekday(new Date(firstDayMs + d * DAY_MS)) >= 6;
    return 1.15 ** (d / 365) * (weekend ? 0.55 : 1);
  });
  const perDay = perDayCounts(options.count, weights);
  const tau = openDecayDays(perDay, options.openShare ?? 0.1);
  const nextSeqByYear = new Map<number, number>();

  function* batches(): Generator<CaseBatch> {
    let batch: CaseBatch = { cases: [], events: [] };
    for (let d = 0; d < days; d++) {
      const n = perDay[d] as number;
      const dayMs = firstDayMs + d * DAY_MS;
      const times = Array.from({ length: n }, () =>
        Math.min(endMs - 1, dayMs + (pickHour(rng) + rng.next()) * 3_600_000),
      ).sort((a, b) => a - b);
      const today: SeedCaseRow[] = [];
      for (const createdMs of times) generateOne(batch, today, createdMs);
      // Batches end at day boundaries, so a merge (into an earlier case of the same day) finds its
      // target in the same statement, and the data do not depend on the batch size.
      if (batch.cases.length >= batchSize) {
        yield batch;
        batch = { cases: [], events: [] };
      }
    }
    if (batch.cases.length > 0) yield batch;
  }

  function generateOne(batch: CaseBatch, today: SeedCaseRow[], createdMs: number): void {
    const ageDays = (endMs - createdMs) / DAY_MS;
    const open = rng.chance(Math.exp(-ageDays / tau));
    const kind = pickKind(rng);
    let state: CaseState = open
      ? (ageDays < 1 ? pickOpenFresh : ageDays < 7 ? pickOpenWeek : pickOpenOld)(rng)
      : pickTerminal(rng);
    const mergeTarget = state === 'merged' ? today[rng.int(today.length)] : undefined;
    if (state === 'merged' && !mergeTarget) state = 'cancelled';
    const variant =
      state !== 'closed'
        ? 'handled'
        : kind === 'consultation' && rng.chance(0.5)
          ? 'answered'
          : rng.chance(0.15)
            ? 'on_spot'
            : 'handled';
    const steps = stepsTo(state, variant);
    const dispatched = steps.some(([a]) => a === 'dispatch');

    const grid = pickGrid(rng);
    const parts = grid.path.split('.');
    const community = communityOf.get(parts.slice(0, 3).join('.'));
    const street = streetOf.get(parts.slice(0, 2).join('.'));
    const category = rng.chance(0.03) ? null : pickCategory(rng);
    const top = category ? (category.code.split('_')[0] as string) : 'other';
    const phrases = PHRASES[top] ?? (PHRASES.other as readonly string[]);
    const phrase = rng.pick(phrases);
    const placeName = community?.name ?? grid.name;
    const address = `${placeName}${rng.between(1, 48)}幢${rng.between(1, 4)}单元`;
    const urgency = pickUrgency(rng);
    const channel = pickChannel(rng);
    // Seeded histories have no escalations: a case stays at the level it was taken in at — the
    // community for a visit's or a resident's own report (shared/cases/levels.ts), else the street.
    const intake = channel === 'visit' || channel === 'self_report' ? 0 : 1;
    const level = steps.length === 0 || !dispatched ? intake : pickLevel(rng);

    let unitDepartment: string | null = null;
    let unitRegion: { id: string; path: string; name: string } | null = null;
    if (dispatched) {
      if (level === 2) {
        unitDepartment = category?.departmentId ?? rng.pick(world.districtDepartments);
      } else if (level === 1 && street) {
        const offices = world.streetOffices.get(street.path);
        unitDepartment = offices?.get(OFFICE_BY_TOP[top] ?? 'urban') ?? null;
      }
      if (!unitDepartment) unitRegion = community ?? grid;
    }

    // Event times: spread from creation to the end of the case (terminal) or up to now (open).
    const spanMs = open
      ? (endMs - createdMs) * (0.3 + 0.6 * rng.next())
      : Math.min(endMs - createdMs - 1, Math.exp(Math.log(6) + 0.9 * normal(rng)) * DAY_MS);
    const stepTimes = steps.map((_, i) => createdMs + Math.round((spanMs * (i + 1)) / steps.length));
    const lastMs = stepTimes.at(-1) ?? createdMs;
    const when = (actions: readonly string[]) => {
      const i = steps.findIndex(([a]) => actions.includes(a));
      return i < 0 ? null : iso(stepTimes[i] as number);
    };

    const reporterAnonymous = rng.chance(0.12);
    const reporterName = reporterAnonymous
      ? null
      : surname(rng, rng.chance(0.7)) + givenName(rng, rng.chance(0.5) ? 'M' : 'F', 1950 + rng.int(55));
    const phone = !reporterAnonymous && options.cipher && rng.chance(0.9) ? mobilePhone(rng) : null;
    // A visit's problem is recorded by its visitor; a walk-in by the office's clerk, who
    // dispatches (a walk-in is taken in at the street: `intake` above).
    const dispatcher = pickOf(actors.dispatchers(grid.path, level));
    const recorder =
      channel === 'visit'
        ? pickOf(actors.visitRecorders(grid.path))
        : channel === 'walk_in'
          ? pickOf(actors.dispatchers(grid.path, intake))
          : null;
    // The first responder: the staff member who recorded it, else whoever took it in.
    const takenIn = steps.some(([a]) => a === 'accept' || a === 'answer');
    const responder = recorder ?? (takenIn ? dispatcher : null);
    const unitMember = dispatched ? pickOf(actors.unit(unitDepartment, unitRegion?.path ?? null)) : null;
    // A unit the district has no account of (a bureau, a community without a demo worker) still
    // acts on the timeline, under the unit's name.
    const unitName = unitDepartment
      ? (world.departmentNames?.get(unitDepartment) ?? null)
      : (unitRegion?.name ?? null);

    const running = open && state !== 'submitted' && state !== 'accepted';
    const overdue = open
      ? rng.chance(running ? (state === 'replied' || state === 'follow_up' ? 0.05 : 0.2) : 0.05)
      : state === 'closed' && rng.chance(0.05);
    const nextDue = running
      ? overdue
        ? createdMs + LIMIT_DAYS[urgency] * DAY_MS
        : endMs + rng.between(1, 15) * DAY_MS
      : null;
    const rating = state === 'closed' ? (rng.chance(0.85) ? 'satisfied' : 'basically_satisfied') : null;

    const created = new Date(createdMs);
    const year = cstYear(created);
    const seq = nextSeqByYear.get(year) ?? 1;
    nextSeqByYear.set(year, seq + 1);
    const id = newId(createdMs);
    const row: SeedCaseRow = {
      district_code: world.districtCode,
      id,
      number: formatCaseNumber(world.districtCode, year, seq),
      channel,
      category_id: category?.id ?? null,
      kind,
      urgency,
      list_type: pickListType(rng),
      title: `${placeName}${phrase}`.slice(0, 100),
      description: `${address}${phrase}，${rng.pick(DETAILS)}`,
      region_id: grid.id,
      region_path: grid.path,
      address,
      latitude: rng.chance(0.7) ? (30.05 + rng.next() * 0.3).toFixed(6) : null,
      longitude: rng.chance(0.7) ? (120.15 + rng.next() * 0.4).toFixed(6) : null,
      reporter_type: reporterAnonymous ? 'anonymous' : 'resident',
      reporter_name: reporterName,
      reporter_phone_enc: phone && options.cipher ? options.cipher.encrypt(phone) : null,
      reporter_phone_hash: phone && options.cipher ? options.cipher.hash(phone) : null,
      state,
      level,
      intake_level: level,
      unit_level: unitDepartment ? level : unitRegion ? 0 : null,
      unit_department_id: unitDepartment,
      unit_region_id: unitRegion?.id ?? null,
      unit_region_path: unitRegion?.path ?? null,
      first_responder_id: responder?.id ?? null,
      submitted_by: recorder?.id ?? null,
      on_spot: variant === 'on_spot',
      reopen_count: state === 'reopened' ? 1 : 0,
      latest_rating: state === 'reopened' ? 'unsatisfied' : rating,
      overdue,
      supervised: overdue && rng.chance(0.4),
      next_due_at: nextDue === null ? null : iso(nextDue),
      merged_into_id: mergeTarget?.id ?? null,
      version: 1 + steps.length,
      created_at: created.toISOString(),
      updated_at: iso(lastMs),
      accepted_at: when(['accept', 'answer']),
      replied_at: when(['reply', 'resolve_on_spot', 'answer']),
      closed_at: open ? null : iso(lastMs),
      last_progress_at: steps.length > 0 ? iso(lastMs) : null,
    };
    batch.cases.push(row);
    today.push(row);

    batch.events.push({
      district_code: world.districtCode,
      id: newId(createdMs),
      case_id: id,
      seq: 1,
      action: 'submit',
      from_state: null,
      to_state: 'submitted',
      actor_id: recorder?.id ?? null,
      actor_name: recorder?.name ?? null,
      reason: null,
      detail: JSON.stringify({ channel }),
      created_at: created.toISOString(),
    });
    if (!allEvents) return;
    let from: CaseState = 'submitted';
    steps.forEach(([action, to], i) => {
      const at = stepTimes[i] as number;
      const actor = FIRST_RESPONDER_STEPS.has(action)
        ? responder
        : UNIT_STEPS.has(action)
          ? unitMember
          : dispatcher;
      const actorName = actor?.name ?? (UNIT_STEPS.has(action) ? unitName : null);
      const needsReason =
        action === 'reject' || action === 'merge' || action === 'cancel' || action === 'return';
      const detail =
        action === 'rate'
          ? { rating: to === 'reopened' ? 'unsatisfied' : rating }
          : action === 'dispatch'
            ? unitDepartment
              ? { departmentId: unitDepartment }
              : { regionId: unitRegion?.id ?? null }
            : {};
      batch.events.push({
        district_code: world.districtCode,
        id: newId(at),
        case_id: id,
        seq: i + 2,
        action,
        from_state: from,
        to_state: to,
        actor_id: actor?.id ?? null,
        actor_name: actorName,
        reason: needsReason ? rng.pick(REASONS) : null,
        detail: JSON.stringify(detail),
        created_at: iso(at),
      });
      from = to;
    });
  }

  return { batches, nextSeqByYear, openDecayDays: tau };
}

/** Reads what generated cases refer to from a seeded district. */
export async function loadCaseSeedWorld(db: Kysely<DB>, districtCode: string): Promise<CaseSeedWorld> {
  const repo = createCaseSeedRepository(db);
  const [grids, nodes, categories, departments, users, grants] = await Promise.all([
    repo.grids(districtCode),
    repo.streetsAndCommunities(districtCode),
    repo.categories(districtCode),
    repo.departments(districtCode),
    repo.users(districtCode),
    repo.grants(districtCode),
  ]);
  const grantsOf = Map.groupBy(grants, (g) => g.user_id);
  const parents = new Set(categories.map((c) => c.parent_id).filter((p) => p !== null));
  const streets = nodes.filter((n) => n.level === 'street');
  const streetOffices = new Map<string, Map<string, string>>();
  for (const s of streets) {
    const offices = new Map<string, string>();
    for (const d of departments) {
      if (d.level === 'street' && d.region_id === s.id) offices.set(d.code.slice(s.code.length + 1), d.id);
    }
    streetOffices.set(s.path, offices);
  }
  return {
    districtCode,
    grids,
    communities: nodes.filter((n) => n.level === 'community'),
    streets,
    categories: categories
      .filter((c) => !parents.has(c.id))
      .map((c) => ({ id: c.id, code: c.code, departmentId: c.department_id ?? c.parent_department_id })),
    districtDepartments: departments.filter((d) => d.level === 'district').map((d) => d.id),
    streetOffices,
    departmentNames: new Map(departments.map((d) => [d.id, d.name])),
    users: users.map((u) => ({
      id: u.id,
      name: u.display_name,
      active: u.active,
      grants: (grantsOf.get(u.id) ?? []).map(
        (g): SeedGrant => ({
          role: g.role as Role,
          scopePath: g.path ?? districtCode,
          departmentId: g.scope_department_id,
        }),
      ),
    })),
  };
}

export interface CaseSeedSummary {
  cases: number;
  events: number;
  byState: Record<string, number>;
  /** Elapsed milliseconds, statistics refresh included. */
  ms: number;
}

/**
 * Seeds generated cases into a district that has its territory and organisation (seed.ts) and no
 * cases yet, then moves the number counters past them and refreshes the planner's statistics.
 * Batches (whole days, at least `batchSize` cases) commit one by one (up to three in flight on PostgreSQL, while the next is generated).
 */
export async function seedCases(
  database: Database,
  districtCode: string,
  options: CaseSeedOptions & { onProgress?: (message: string) => void },
): Promise<CaseSeedSummary> {
  const started = performance.now();
  const db = database.db;
  const repo = createCaseSeedRepository(db);
  if (await repo.hasCases(districtCode)) {
    throw new SeedError('The district already has cases: case seeding only fills an empty case ledger.');
  }
  const world = await loadCaseSeedWorld(db, districtCode);
  const generated = generateCases(world, options);
  const maxInFlight = database.engine === 'postgres' ? 3 : 1;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const byState: Record<string, number> = {};
  let cases = 0;
  let events = 0;
  let reported = 0;
  for (const batch of generated.batches()) {
    for (const c of batch.cases) byState[c.state as string] = (byState[c.state as string] ?? 0) + 1;
    cases += batch.cases.length;
    events += batch.events.length;
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (failure) throw failure;
    const p: Promise<void> = db
      .transaction()
      .execute((trx) => createCaseSeedRepository(trx).insert(batch.cases, batch.events))
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (cases - reported >= 100_000) {
      reported = cases;
      options.onProgress?.(`${cases.toLocaleString('en')} / ${options.count.toLocaleString('en')} cases`);
    }
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  await repo.advanceCounters(districtCode, generated.nextSeqByYear);
  // The generated history bypasses the change path: its figures are computed from it, as a rebuild.
  // The rebuild pages through what was just loaded: with the load's statistics, not the empty tables'.
  await refreshStatistics(db);
  const rebuilding = performance.now();
  await rebuildCaseFigures(db, districtCode);
  options.onProgress?.(`case figures rebuilt in ${((performance.now() - rebuilding) / 1000).toFixed(1)} s`);
  await refreshStatistics(db);
  return { cases, events, byState, ms: Math.round(performance.now() - started) };
}
