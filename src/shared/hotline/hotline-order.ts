import { reaches } from '../auth/reach.ts';
import { CST_OFFSET_MS } from '../time/china-time.ts';

/**
 * The 12345 hotline's work orders (issue 15 §4) as data, whichever way they arrive (a file the
 * platform exported, or its signed push): the fields read, the platform's times understood as
 * China time, and the routing of an order to a category and a place by the words it contains.
 * Pure: the server passes the district's categories and places in.
 */

/** The column headers 12345 platforms export, by the key the product uses. */
export const HOTLINE_COLUMNS = {
  orderNumber: '工单编号',
  receivedAt: '来电时间',
  caller: '来电人',
  phone: '联系电话',
  address: '地址',
  content: '诉求内容',
  category: '诉求分类',
  deadline: '办理时限',
} as const;
export type HotlineField = keyof typeof HOTLINE_COLUMNS;
export const HOTLINE_FIELDS = Object.keys(HOTLINE_COLUMNS) as HotlineField[];

/** Longest values the case accepts (its columns), so an order never fails at the database. */
export const HOTLINE_LIMITS = {
  orderNumber: 64,
  caller: 50,
  address: 200,
  content: 4000,
  category: 100,
  title: 100,
} as const;

const DATE_TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?)?$/;
const WITH_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * A platform's time as an instant. Times without a zone are China time (that is what the platform
 * shows its operators); ISO 8601 with a zone is taken as it says. A date alone means the start of
 * that day, or with `endOfDay` its last second (a limit "by 12-10" runs through the 10th).
 * Null when the text is not a time.
 */
export function parsePlatformTime(text: string, endOfDay = false): Date | null {
  const value = text.trim();
  if (value === '') return null;
  if (WITH_ZONE.test(value) && value.includes('T')) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const num = (i: number) => (m[i] === undefined ? null : Number(m[i]));
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [num(4), num(5), num(6)];
  const dateOnly = hour === null;
  const h = hour ?? (endOfDay ? 23 : 0);
  const min = minute ?? (endOfDay && dateOnly ? 59 : 0);
  const s = second ?? (endOfDay && dateOnly ? 59 : 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || min > 59 || s > 59) return null;
  const utc = Date.UTC(year, month - 1, day, h, min, s);
  const back = new Date(utc);
  // 2026-02-30 rolls over in Date.UTC: not a date.
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return null;
  return new Date(utc - CST_OFFSET_MS);
}

/**
 * A date cell of a workbook: spreadsheets keep wall-clock times without a zone and the reader hands
 * them over as if they were UTC, so the China-time wall clock is shifted back into an instant.
 */
export function wallClockCell(value: Date): Date {
  return new Date(value.getTime() - CST_OFFSET_MS);
}

/** A case title from what the caller said: its first sentence, cut to the title's length. */
export function hotlineTitle(content: string): string {
  const first =
    content
      .trim()
      .split(/[。！？!?\n]/)[0]
      ?.trim() || content.trim();
  const title = first.length > 0 ? first : '12345 热线工单';
  return title.length <= HOTLINE_LIMITS.title ? title : `${title.slice(0, HOTLINE_LIMITS.title - 1)}…`;
}

export interface NamedCategory {
  id: string;
  name: string;
}

/**
 * The category an order's 诉求分类 names: platforms write a path (城市管理/市容环境/占道经营), so
 * the most specific segment that is the exact name of an active category wins. No guessing beyond
 * exact names: an unknown text leaves the case without a category for the dispatcher to classify.
 */
export function matchCategory(text: string, categories: readonly NamedCategory[]): string | null {
  const segments = text
    .split(/[/\\>＞|｜\-—－,，;；、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const byName = new Map<string, string[]>();
  for (const c of categories) byName.set(c.name.trim(), [...(byName.get(c.name.trim()) ?? []), c.id]);
  for (const segment of segments.reverse()) {
    const ids = byName.get(segment);
    // Two categories of one name (e.g. 其他 under several parents): not enough to choose.
    if (ids?.length === 1) return ids[0] as string;
  }
  return null;
}

/** A place an address may name: a street, community or grid, or an estate standing for its grid. */
export interface NamedPlace {
  /** The region the case is placed at when this name is the best match (an estate's grid). */
  regionId: string;
  /** That region's path. */
  path: string;
  name: string;
}

/** Names this short (e.g. 一区) match too much text to route by. */
const MIN_NAME_LENGTH = 2;

/**
 * The place an address names, or null. Every place whose name occurs in the address is a
 * candidate; a candidate is worth the number of matched names on its own line of ancestry (so
 * "西湖街道 文新社区 第一网格" picks the first grid of that community, not of another one with the
 * same grid name), then its depth. Equal best candidates in different places leave the order at
 * the deepest place they share that the address also named, else unrouted (null).
 */
export function matchPlace(address: string, places: readonly NamedPlace[]): NamedPlace | null {
  const text = address.replace(/\s+/g, '');
  const hits = places.filter(
    (p) => p.name.length >= MIN_NAME_LENGTH && text.includes(p.name.replace(/\s+/g, '')),
  );
  if (hits.length === 0) return null;
  const score = (p: NamedPlace) => hits.filter((h) => reaches(h.path, p.path)).length;
  const depth = (p: NamedPlace) => p.path.split('.').length;
  let best: NamedPlace[] = [];
  let bestKey = [-1, -1];
  for (const p of hits) {
    const key = [score(p), depth(p)];
    const [s, d] = key as [number, number];
    const [bs, bd] = bestKey as [number, number];
    if (s > bs || (s === bs && d > bd)) {
      best = [p];
      bestKey = key;
    } else if (s === bs && d === bd && !best.some((b) => b.path === p.path)) best.push(p);
  }
  if (best.length === 1) return best[0] as NamedPlace;
  // Ambiguous: fall back to the deepest named place above all of them.
  const shared = hits
    .filter((h) => best.every((b) => reaches(h.path, b.path)) && !best.some((b) => b.path === h.path))
    .sort((a, b) => depth(b) - depth(a));
  return shared[0] ?? null;
}
