import type { Kysely } from 'kysely';
import type { MentorPair, MyMentees } from '../../../shared/domain/mentoring.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../auth/scope.ts';
import { visitSummaries } from '../spot-checks/visit-summaries.repository.ts';
import type { MentoringRepository } from './mentoring.repository.ts';

type PairRow = Awaited<ReturnType<MentoringRepository['list']>>[number];

/** Pairs as the API shows them; `end` where the caller plans visits over the mentee and the pair is open. */
export async function toPairs(
  pairs: MentoringRepository,
  rows: PairRow[],
  mayEnd: (row: PairRow) => boolean,
): Promise<MentorPair[]> {
  const district = rows[0]?.district_code;
  const names = district
    ? await pairs.scopeNames(
        district,
        rows.map((r) => r.mentee_id),
      )
    : new Map();
  return rows.map((r) => ({
    id: r.id,
    mentor: { id: r.mentor_id, displayName: r.mentor_name },
    mentee: { id: r.mentee_id, displayName: r.mentee_name, scopeName: names.get(r.mentee_id) ?? '' },
    startedOn: r.started_on,
    endedOn: r.ended_on,
    jointVisits: Number(r.joint_visits ?? 0),
    actions: r.ended_on === null && mayEnd(r) ? (['end'] as const).slice() : [],
  }));
}

const RECENT_VISITS = 10;

/**
 * The caller's mentees with their recent visits (in the caller's visit scope), for reviewing
 * their diaries; comments go through the visits module.
 */
export async function myMentees(
  db: Kysely<DB>,
  pairs: MentoringRepository,
  scope: Scope,
  userId: string,
  now = new Date(),
): Promise<MyMentees> {
  const rows = await pairs.mine(scope.districtCode, userId);
  const names = await pairs.scopeNames(
    scope.districtCode,
    rows.map((r) => r.mentee_id),
  );
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const items = [];
  for (const r of rows) {
    const visits = await pairs.menteeVisits(scope, userId, r.mentee_id, RECENT_VISITS);
    const summaries = await visitSummaries(
      db,
      scope.districtCode,
      visits.map((v) => v.id),
    );
    items.push({
      pairId: r.id,
      mentee: { id: r.mentee_id, displayName: r.mentee_name, scopeName: names.get(r.mentee_id) ?? '' },
      startedOn: r.started_on,
      visitsLast30Days: await pairs.visitCountSince(scope, r.mentee_id, since),
      recentVisits: visits.flatMap((v) => {
        const s = summaries.get(v.id);
        if (!s) return [];
        return [
          {
            id: v.id,
            form: s.form as MyMentees['items'][number]['recentVisits'][number]['form'],
            targetType: s.target_type,
            targetLabel: s.target_label,
            startedAt: new Date(v.started_at).toISOString(),
            joint: Boolean(v.joint),
            comments: Number(v.comments ?? 0),
          },
        ];
      }),
    });
  }
  return { items };
}
