import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import type { ScorePointsPage, ScorePointsQuery } from '../../../shared/domain/scores.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { ScorePoint } from '../../../shared/figures/points.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Principal } from '../auth/principal.ts';
import { periodView } from '../coverage/period-query.ts';
import { leagueReadScope } from '../league/read-league.ts';
import { POINT_CURSOR_KEY, readScorePeriodPoints } from './closed-periods.ts';
import { liveScores, tableOwner } from './read-scores.ts';
import { createScorePeriodsRepository } from './score-periods.repository.ts';

/** Points are read in the order they were earned; the point key breaks ties. */
const byTime = (a: ScorePoint, b: ScorePoint) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

// A page's cursor: the last point's time and key (POINT_CURSOR_KEY), its id the point's source (a uuid).

/**
 * GET /api/v1/scores/points: one subject's points in a live table, earliest first, a page at a
 * time, with the whole score. Whoever reads the table's place reads every subject; a reader below
 * it reads the communities it reaches and its own points as a cadre (404 otherwise, as for an
 * unknown subject).
 */
export async function readScorePoints(
  db: Kysely<DB>,
  principal: Principal,
  query: ScorePointsQuery,
  now: Date,
): Promise<ScorePointsPage> {
  // A closed period answers its stored points, as GET /api/v1/scores answers its stored rows.
  const { owner: place } = await tableOwner(db, principal, query.regionId);
  const closed = await createScorePeriodsRepository(db).closedOf(
    principal.districtCode,
    place.id,
    query.period,
    query.at ?? cstDay(now),
  );
  if (closed)
    return readScorePeriodPoints(db, principal, closed.id, {
      subject: query.subject,
      after: query.after,
      limit: query.limit,
    });
  const { owner, built } = await liveScores(db, principal, query, now);
  const subject = built.subjects.find((s) => s.key === query.subject);
  const scope = leagueReadScope(principal);
  const communityPath = subject?.kind === 'places' ? (subject.path ?? null) : null;
  const allowed =
    subject !== undefined &&
    (scope.paths.some((p) => reaches(p, owner.path)) ||
      (communityPath !== null && scope.paths.some((p) => reaches(p, communityPath))) ||
      subject.key === `u:${principal.userId}`);
  if (!allowed) throw new AppError('NOT_FOUND', 'No such subject in this table.');
  const mine = built.points.filter((p) => p.subject === subject.key).sort(byTime);
  let start = 0;
  if (query.after !== undefined) {
    const [key] = decodeCursor(query.after, POINT_CURSOR_KEY);
    const bar = key.indexOf('|');
    const at = key.slice(0, bar);
    const pointKey = key.slice(bar + 1);
    start = mine.findIndex((p) => p.at > at || (p.at === at && p.key > pointKey));
    if (start === -1) start = mine.length;
  }
  const items = mine.slice(start, start + query.limit);
  const last = items.at(-1);
  return {
    region: { id: owner.id, name: owner.name, level: owner.level },
    period: periodView(built.period),
    subject: { key: subject.key, name: subject.name },
    scoreCp: mine.reduce((sum, p) => sum + p.cp, 0),
    total: mine.length,
    items: items.map((p) => ({
      key: p.key,
      item: p.item,
      cp: p.cp,
      day: p.day,
      at: p.at,
      source: p.source,
      detail: p.detail,
    })),
    next:
      last && start + items.length < mine.length
        ? encodeCursor(`${last.at}|${last.key}`, last.source.id)
        : null,
  };
}
