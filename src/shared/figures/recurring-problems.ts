/**
 * The recurring-problem detector (issue 14 §7): which cases point at one persistent problem worth a
 * place on the hard-problem list (攻坚破难清单). Pure: the server reads the cases, this decides.
 *
 * Text similarity works without a dictionary (Chinese has no spaces, and no word list ships with
 * the product): a case's text is cut into overlapping character bigrams (a CJK run "电梯故障"
 * gives 电梯 梯故 故障; a Latin word counts as one token; digits are dropped), each weighted by its
 * inverse document frequency among the cases read, ln((1 + n) / df), and two cases are alike
 * when the cosine of their weighted bigram vectors reaches `similarity`. The IDF weighting is what
 * makes this work on real intake text: the "N幢M单元" of an address, the stock closing phrases
 * ("希望尽快处理") and a category's own word ("纠纷" of every dispute) occur in many cases and
 * weigh little (nothing when in every case), while the words naming the problem are rarer and carry the similarity; the names of
 * the community and grid are left out beforehand.
 *
 * A recurring problem is a group of at least `minCases` alike cases (single-linkage within the
 * group) of one category in one grid — or one estate (小区) of a community when the case names a
 * household — whose first and last case are at least `minSpanDays` apart ("over weeks"). Beside
 * the clusters, a reopened case and a case open for `longRunningDays` are proposed on their own.
 */

export interface RecurringCaseFact {
  id: string;
  number: string;
  title: string;
  description: string;
  categoryId: string | null;
  /** The case's place path (a grid or a micro-grid, or above when filed there). */
  regionPath: string;
  /** The estate (小区) of the household the case names, if any. */
  estate: string | null;
  /** The Beijing day it was created. */
  createdDay: string;
  state: string;
  reopenCount: number;
  /** Days since it was created (to today, or to its closing when closed). */
  ageDays: number;
  /** Names of the places above it (community, grid), left out of the text before comparing. */
  placeNames?: readonly string[];
}

export interface RecurringOptions {
  /** Cosine of the IDF-weighted bigram vectors at or above which two cases are alike. */
  similarity: number;
  minCases: number;
  minSpanDays: number;
  longRunningDays: number;
  /** The path depth of a grid (district.street.community.grid = 4). */
  gridDepth: number;
}

export const DEFAULT_RECURRING_OPTIONS: RecurringOptions = {
  similarity: 0.25,
  minCases: 3,
  minSpanDays: 14,
  longRunningDays: 60,
  gridDepth: 4,
};

export const PROPOSAL_KINDS = ['recurring', 'reopened', 'long_running'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export interface RecurringProposal {
  /** Stable for the same cases: the kind and the earliest case's id. */
  key: string;
  kind: ProposalKind;
  categoryId: string | null;
  /** The grid (or the case's own place) the problem lies in. */
  placePath: string;
  estate: string | null;
  caseIds: string[];
  firstDay: string;
  lastDay: string;
  /** A case's title standing for the problem (the most central case of a cluster). */
  title: string;
  /** Higher first. */
  score: number;
  why: {
    cases: number;
    spanDays: number;
    reopened: number;
    open: number;
    maxAgeDays: number;
    /** The mean pairwise similarity inside the cluster (1 for a single case). */
    similarity: number;
  };
}

const OPEN_STATES_DONE: ReadonlySet<string> = new Set(['closed', 'rejected', 'merged', 'cancelled']);
const isOpen = (state: string) => !OPEN_STATES_DONE.has(state);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The tokens of a text: overlapping bigrams of each CJK run (a lone CJK character counts as
 * itself), each Latin word lower-cased; digits and punctuation are dropped (house numbers say
 * where, not what).
 */
export function textTokens(text: string, leaveOut: readonly string[] = []): string[] {
  let cleaned = text;
  for (const name of leaveOut) if (name) cleaned = cleaned.split(name).join(' ');
  const tokens: string[] = [];
  let run = '';
  const flush = () => {
    if (run.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
    run = '';
  };
  for (const word of cleaned.split(/([A-Za-z]+)/)) {
    if (/^[A-Za-z]+$/.test(word)) {
      flush();
      tokens.push(word.toLowerCase());
      continue;
    }
    for (const ch of word) {
      if (CJK.test(ch)) run += ch;
      else flush();
    }
    flush();
  }
  return tokens;
}

type Vector = Map<string, number>;

/** IDF-weighted, L2-normalised bigram vectors of the cases, in input order. */
export function weightedVectors(texts: readonly (readonly string[])[]): {
  vectors: Vector[];
  idf: Map<string, number>;
} {
  const df = new Map<string, number>();
  for (const tokens of texts) for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = texts.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log((1 + n) / d));
  const vectors = texts.map((tokens) => {
    const v: Vector = new Map();
    for (const t of tokens) v.set(t, (v.get(t) ?? 0) + (idf.get(t) ?? 0));
    let norm = 0;
    for (const w of v.values()) norm += w * w;
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
  return { vectors, idf };
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) {
    const other = large.get(t);
    if (other !== undefined) sum += w * other;
  }
  return sum;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

function placeOf(c: RecurringCaseFact, depth: number): string {
  return c.regionPath.split('.').slice(0, depth).join('.');
}

/** Single-linkage components of the cases at `members` whose pairwise cosine reaches `threshold`. */
function components(members: readonly number[], vectors: readonly Vector[], threshold: number): number[][] {
  const parent = new Map(members.map((m) => [m, m]));
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as number;
    parent.set(x, root);
    return root;
  };
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) {
      const a = members[i] as number;
      const b = members[j] as number;
      if (cosine(vectors[a] as Vector, vectors[b] as Vector) >= threshold) parent.set(find(a), find(b));
    }
  const groups = new Map<number, number[]>();
  for (const m of members) {
    const root = find(m);
    groups.set(root, [...(groups.get(root) ?? []), m]);
  }
  return [...groups.values()];
}

function describe(
  kind: ProposalKind,
  members: readonly number[],
  cases: readonly RecurringCaseFact[],
  vectors: readonly Vector[],
  placePath: string,
  estate: string | null,
): RecurringProposal {
  const list = members.map((i) => cases[i] as RecurringCaseFact);
  const days = list.map((c) => c.createdDay).sort();
  const firstDay = days[0] as string;
  const lastDay = days.at(-1) as string;
  let pairs = 0;
  let total = 0;
  let centre = members[0] as number;
  let best = -1;
  for (const a of members) {
    let own = 0;
    for (const b of members) {
      if (a === b) continue;
      const s = cosine(vectors[a] as Vector, vectors[b] as Vector);
      own += s;
      if (a < b) {
        total += s;
        pairs++;
      }
    }
    if (own > best) {
      best = own;
      centre = a;
    }
  }
  const spanDays = dayNumber(lastDay) - dayNumber(firstDay);
  const reopened = list.reduce((s, c) => s + c.reopenCount, 0);
  const open = list.filter((c) => isOpen(c.state)).length;
  const maxAgeDays = Math.max(...list.map((c) => c.ageDays));
  const earliest = [...list].sort(
    (a, b) => a.createdDay.localeCompare(b.createdDay) || a.id.localeCompare(b.id),
  )[0];
  // Size first (how often residents raised it), then how stubborn it is.
  const score =
    list.length * 10 + Math.min(spanDays, 180) / 7 + reopened * 5 + open * 2 + Math.min(maxAgeDays, 365) / 30;
  return {
    key: `${kind}:${earliest?.id}`,
    kind,
    categoryId: list[0]?.categoryId ?? null,
    placePath,
    estate,
    caseIds: list.map((c) => c.id).sort(),
    firstDay,
    lastDay,
    title: (cases[centre] as RecurringCaseFact).title,
    score: Math.round(score * 100) / 100,
    why: {
      cases: list.length,
      spanDays,
      reopened,
      open,
      maxAgeDays,
      similarity: pairs === 0 ? 1 : Math.round((total / pairs) * 1000) / 1000,
    },
  };
}

/**
 * The proposals for the hard-problem list from `cases`, ranked (highest score first): recurring
 * clusters, then reopened and long-running cases not already in a cluster. A case lies in at most
 * one cluster (a grid's cluster wins over an estate's holding the same cases).
 */
export function detectRecurringProblems(
  cases: readonly RecurringCaseFact[],
  options: RecurringOptions = DEFAULT_RECURRING_OPTIONS,
): RecurringProposal[] {
  const tokens = cases.map((c) => textTokens(`${c.title} ${c.description}`, c.placeNames ?? []));
  const { vectors } = weightedVectors(tokens);
  const groups = new Map<string, { place: string; estate: string | null; members: number[] }>();
  cases.forEach((c, i) => {
    if (c.categoryId === null) return;
    const place = placeOf(c, options.gridDepth);
    const keys: [string, string, string | null][] = [[`g|${c.categoryId}|${place}`, place, null]];
    if (c.estate) {
      const community = placeOf(c, options.gridDepth - 1);
      keys.push([`e|${c.categoryId}|${community}|${c.estate}`, community, c.estate]);
    }
    for (const [key, p, estate] of keys) {
      const g = groups.get(key) ?? { place: p, estate, members: [] };
      g.members.push(i);
      groups.set(key, g);
    }
  });

  const taken = new Set<number>();
  const proposals: RecurringProposal[] = [];
  // Grid groups first: an estate cluster adds only what no grid cluster holds already.
  const ordered = [...groups.entries()].sort(([a], [b]) =>
    a[0] === b[0] ? a.localeCompare(b) : a[0] === 'g' ? -1 : 1,
  );
  for (const [, group] of ordered) {
    if (group.members.length < options.minCases) continue;
    for (const members of components(group.members, vectors, options.similarity)) {
      const free = members.filter((m) => !taken.has(m));
      if (free.length < options.minCases) continue;
      const days = free.map((m) => dayNumber((cases[m] as RecurringCaseFact).createdDay));
      if (Math.max(...days) - Math.min(...days) < options.minSpanDays) continue;
      for (const m of free) taken.add(m);
      proposals.push(describe('recurring', free, cases, vectors, group.place, group.estate));
    }
  }
  cases.forEach((c, i) => {
    if (taken.has(i) || !isOpen(c.state)) return;
    const kind: ProposalKind | null =
      c.reopenCount > 0 ? 'reopened' : c.ageDays >= options.longRunningDays ? 'long_running' : null;
    if (kind === null) return;
    proposals.push(describe(kind, [i], cases, vectors, c.regionPath, c.estate));
  });
  return proposals.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}

/** How often a category recurred across the place over the months read: the 每月一题 ranking. */
export interface CategoryRanking {
  categoryId: string;
  clusters: number;
  cases: number;
  places: number;
  rank: number;
}

/**
 * The categories ranked by how much they recur: the recurring clusters of the cases (the detector
 * above), counted per category — clusters first, then the cases in them, then the places; ties
 * share a rank (1, 1, 3). Categories with no cluster are not ranked.
 */
export function recurringCategoryRanking(
  cases: readonly RecurringCaseFact[],
  options: RecurringOptions = DEFAULT_RECURRING_OPTIONS,
): CategoryRanking[] {
  const by = new Map<string, { clusters: number; cases: number; places: Set<string> }>();
  for (const p of detectRecurringProblems(cases, options)) {
    if (p.kind !== 'recurring' || p.categoryId === null) continue;
    const into = by.get(p.categoryId) ?? { clusters: 0, cases: 0, places: new Set<string>() };
    into.clusters++;
    into.cases += p.caseIds.length;
    into.places.add(p.placePath);
    by.set(p.categoryId, into);
  }
  const rows = [...by]
    .map(([categoryId, v]) => ({
      categoryId,
      clusters: v.clusters,
      cases: v.cases,
      places: v.places.size,
      rank: 0,
    }))
    .sort(
      (a, b) =>
        b.clusters - a.clusters ||
        b.cases - a.cases ||
        b.places - a.places ||
        a.categoryId.localeCompare(b.categoryId),
    );
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    row.rank =
      prev && prev.clusters === row.clusters && prev.cases === row.cases && prev.places === row.places
        ? prev.rank
        : i + 1;
  });
  return rows;
}

/**
 * Precision and recall of found clusters against known ones, by case pairs: a pair of cases put
 * together by the detector is right when the truth puts them together too. Pair counting rewards
 * a cluster split in two with half its pairs, not zero, so it measures how close the grouping is.
 */
export function pairScores(
  found: readonly (readonly string[])[],
  truth: readonly (readonly string[])[],
): {
  precision: number | null;
  recall: number | null;
  foundPairs: number;
  truePairs: number;
  agreed: number;
} {
  const pairsOf = (clusters: readonly (readonly string[])[]) => {
    const out = new Set<string>();
    for (const c of clusters) {
      const ids = [...c].sort();
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) out.add(`${ids[i]}|${ids[j]}`);
    }
    return out;
  };
  const f = pairsOf(found);
  const t = pairsOf(truth);
  let agreed = 0;
  for (const p of f) if (t.has(p)) agreed++;
  return {
    precision: f.size === 0 ? null : agreed / f.size,
    recall: t.size === 0 ? null : agreed / t.size,
    foundPairs: f.size,
    truePairs: t.size,
    agreed,
  };
}

/**
 * Precision and recall by clusters: a found cluster matches a true one when their case sets
 * overlap by at least half of their union (Jaccard ≥ 0.5); each true cluster matches at most once.
 */
export function clusterScores(
  found: readonly (readonly string[])[],
  truth: readonly (readonly string[])[],
): { precision: number | null; recall: number | null; matched: number } {
  const used = new Set<number>();
  let matched = 0;
  for (const f of found) {
    const fs = new Set(f);
    const hit = truth.findIndex((t, i) => {
      if (used.has(i)) return false;
      const inter = t.filter((id) => fs.has(id)).length;
      return inter / (fs.size + t.length - inter) >= 0.5;
    });
    if (hit >= 0) {
      used.add(hit);
      matched++;
    }
  }
  return {
    precision: found.length === 0 ? null : matched / found.length,
    recall: truth.length === 0 ? null : matched / truth.length,
    matched,
  };
}
