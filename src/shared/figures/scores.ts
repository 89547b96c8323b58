import type { PeerGroup, ScoreRules } from '../domain/score-rules.ts';
import { competitionRanks, type LeagueSubjects } from './league.ts';
import type { ScorePoint } from './points.ts';

/**
 * Scores (issue 14 §1): a subject's score is by definition the sum of its points; subjects are
 * ranked only against their peer group (communities against communities, district departments
 * against district departments), and the top and bottom of each group make its red and black
 * lists (红榜 / 黑榜).
 */

/** A community, handling unit or cadre that may be scored, with what peer groups match on. */
export interface ScoreSubject {
  key: string;
  kind: LeagueSubjects;
  name: string;
  /** Places: the community's path. */
  path?: string;
  /** Places: the region's kind (社区, 村). */
  regionKind?: string | null;
  /** Units: a department's level; null for a place acting as a unit. */
  departmentLevel?: string | null;
  /** Cadres: the sent-down roles held. */
  roles?: readonly string[];
}

export type ScoreList = 'red' | 'black';

export interface ScoreRow {
  key: string;
  kind: LeagueSubjects;
  name: string;
  peerGroup: string;
  peerGroupName: string | null;
  /** Σ cp of the subject's points. */
  scoreCp: number;
  points: number;
  rank: number;
  groupSize: number;
  list: ScoreList | null;
}

/** Subjects matching no group are ranked with the other leftovers of their kind. */
export const OTHER_PEER_GROUP = '_other';

export function peerGroupOf(subject: ScoreSubject, groups: readonly PeerGroup[]): PeerGroup | null {
  const ofKind = groups.filter((g) => g.subjects === subject.kind);
  const named = ofKind.find((g) => g.match.members?.includes(subject.key));
  if (named) return named;
  return (
    ofKind.find((g) => {
      const m = g.match;
      const criteria = [
        m.regionKinds === undefined ? null : m.regionKinds.includes(subject.regionKind ?? ''),
        m.departmentLevels === undefined
          ? null
          : m.departmentLevels.includes((subject.departmentLevel ?? '') as never),
        m.roles === undefined ? null : (subject.roles ?? []).some((r) => m.roles?.includes(r as never)),
      ].filter((c): c is boolean => c !== null);
      return criteria.length > 0 && criteria.every(Boolean);
    }) ?? null
  );
}

/** Red: among the top `top` and (if set) at least `minScore`; black: among the bottom and (if set) at most `maxScore`; never both. */
export function listOf(
  rank: number,
  groupSize: number,
  scoreCp: number,
  lists: ScoreRules['lists'],
): ScoreList | null {
  const red =
    rank <= lists.red.top && (lists.red.minScore === null || scoreCp >= Math.round(lists.red.minScore * 100));
  if (red) return 'red';
  const black =
    rank > groupSize - lists.black.bottom &&
    (lists.black.maxScore === null || scoreCp <= Math.round(lists.black.maxScore * 100));
  return black ? 'black' : null;
}

const byName = (a: ScoreSubject, b: ScoreSubject) =>
  a.name.localeCompare(b.name, 'zh-CN') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The score table of `subjects`: each one's score (the sum of its points), its peer group, its
 * competition rank within the group (ties share, by name within a tie) and its list (none without
 * a point: a tie at 0 names nobody). Points of
 * subjects not listed are ignored. Rows come group by group (rules order, leftovers last), best first.
 */
export function scoreTable(
  subjects: readonly ScoreSubject[],
  points: readonly ScorePoint[],
  rules: ScoreRules,
): ScoreRow[] {
  const sums = new Map<string, { cp: number; n: number }>();
  for (const p of points) {
    const s = sums.get(p.subject) ?? { cp: 0, n: 0 };
    s.cp += p.cp;
    s.n += 1;
    sums.set(p.subject, s);
  }
  const groups = new Map<string, { group: PeerGroup | null; members: ScoreSubject[] }>();
  for (const g of rules.peerGroups) groups.set(g.key, { group: g, members: [] });
  const leftovers = new Map<string, ScoreSubject[]>();
  for (const s of subjects) {
    const g = peerGroupOf(s, rules.peerGroups);
    if (g) groups.get(g.key)?.members.push(s);
    else leftovers.set(s.kind, [...(leftovers.get(s.kind) ?? []), s]);
  }
  const out: ScoreRow[] = [];
  const rank = (key: string, name: string | null, members: ScoreSubject[]) => {
    for (const { item, rank } of competitionRanks(members, (s) => sums.get(s.key)?.cp ?? 0, byName)) {
      const sum = sums.get(item.key) ?? { cp: 0, n: 0 };
      out.push({
        key: item.key,
        kind: item.kind,
        name: item.name,
        peerGroup: key,
        peerGroupName: name,
        scoreCp: sum.cp,
        points: sum.n,
        rank,
        groupSize: members.length,
        // A subject that earned nothing either way stands out for nothing.
        list: sum.n === 0 ? null : listOf(rank, members.length, sum.cp, rules.lists),
      });
    }
  };
  for (const [key, { group, members }] of groups)
    if (members.length > 0) rank(key, group?.name ?? null, members);
  for (const members of leftovers.values()) rank(OTHER_PEER_GROUP, null, members);
  return out;
}
