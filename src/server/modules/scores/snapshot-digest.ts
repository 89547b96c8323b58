import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { ScorePointTable, ScoreRowTable } from '../../db/schema.ts';
import { canonicalJson } from '../audit/audit-chain.ts';

/** A stored score row, as written or read back. */
export type DigestRow = Omit<ScoreRowTable, 'district_code' | 'period_id'>;

/** A stored point, as written (objects) or read back (a date column may come back as a Date, jsonb as text). */
export type DigestPoint = Omit<Selectable<ScorePointTable>, 'district_code' | 'period_id'>;

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * SHA-256 of a closed period's snapshot: its rows and points as canonical JSON (keys sorted, so a
 * jsonb round trip hashes the same), ordered by subject and point key. Written into the period and
 * its `score_period.closed` audit row, whose hash chain then pins the snapshot: recomputed from the
 * stored rows, a different digest means they were changed.
 */
export function snapshotDigest(rows: readonly DigestRow[], points: readonly DigestPoint[]): string {
  const body = {
    rows: [...rows]
      .sort((a, b) => byKey(a.subject_key, b.subject_key))
      .map((r) => ({
        subject: r.subject_key,
        kind: r.subject_kind,
        name: r.subject_name,
        path: r.subject_path,
        group: r.peer_group,
        groupName: r.peer_group_name,
        position: Number(r.position),
        scoreCp: Number(r.score_cp),
        points: Number(r.points),
        rank: Number(r.rank),
        groupSize: Number(r.group_size),
        list: r.list,
      })),
    points: [...points]
      .sort((a, b) => byKey(a.subject_key, b.subject_key) || byKey(a.point_key, b.point_key))
      .map((p) => ({
        subject: p.subject_key,
        key: p.point_key,
        item: p.item,
        cp: Number(p.cp),
        day: dateColumn(p.earned_on),
        at: p.earned_at,
        source: jsonColumn(p.source),
        detail: jsonColumn(p.detail),
      })),
  };
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}
