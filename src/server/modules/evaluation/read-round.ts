import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import {
  type EvaluationFacts,
  type EvaluationRating,
  type EvaluationRoundView,
  visibleRatings,
} from '../../../shared/domain/evaluation.ts';
import { CASE_COUNTER_KEYS } from '../../../shared/figures/case-figures.ts';
import { VISIT_COUNTER_KEYS } from '../../../shared/figures/visit-figures.ts';
import { addDays } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { storedCountersBy } from '../figures/rollups.ts';
import { visitCountersOfSentDown } from '../visits/visit-figures.ts';
import { createEvaluationRepository } from './evaluation.repository.ts';
import {
  criteriaOf,
  managesRound,
  type RateableSubject,
  type RoundRow,
  raterUnitsWithSubjects,
  roundSummary,
  visibleRound,
} from './round-access.ts';

const NO_FACTS: EvaluationFacts = {
  visits: 0,
  problems: 0,
  solvedOnSpot: 0,
  casesReceived: null,
  casesClosed: null,
};

/**
 * The figures beside the form, from the kept figures of the round's days: a cadre's visits in the
 * rating community (recording or along) with the problems raised and solved on the spot on them;
 * a community's visits and its cases received and closed.
 */
async function factsOf(
  db: Kysely<DB>,
  district: string,
  round: RoundRow,
  subjects: readonly RateableSubject[],
): Promise<Map<string, EvaluationFacts>> {
  const from = dateColumn(round.period_from);
  const to = addDays(dateColumn(round.period_to), 1);
  const out = new Map<string, EvaluationFacts>();
  const cadresIn = [...new Set(subjects.filter((s) => s.kind === 'cadres').map((s) => s.path))];
  for (const path of cadresIn) {
    const byUser = await visitCountersOfSentDown(db, district, path, from, to);
    for (const s of subjects.filter((x) => x.kind === 'cadres' && x.path === path)) {
      const v = byUser.get(s.key.slice(2));
      out.set(
        s.key,
        v
          ? { ...NO_FACTS, visits: v.visits, problems: v.problems, solvedOnSpot: v.solved_on_spot }
          : NO_FACTS,
      );
    }
  }
  const places = subjects.filter((s) => s.kind === 'places');
  if (places.length > 0) {
    const paths = places.map((p) => p.path);
    const [visits, cases] = await Promise.all([
      storedCountersBy(db, 'visit', VISIT_COUNTER_KEYS, district, paths, from, to, 'place'),
      storedCountersBy(db, 'case', CASE_COUNTER_KEYS, district, paths, from, to, 'place'),
    ]);
    for (const p of places) {
      const f = { visits: 0, problems: 0, solvedOnSpot: 0, casesReceived: 0, casesClosed: 0 };
      for (const [path, v] of visits)
        if (reaches(p.path, path)) {
          f.visits += v.visits;
          f.problems += v.problems;
          f.solvedOnSpot += v.solved_on_spot;
        }
      for (const [path, c] of cases)
        if (reaches(p.path, path)) {
          f.casesReceived += c.received;
          f.casesClosed += c.closed;
        }
      out.set(p.key, f);
    }
  }
  return out;
}

/**
 * GET /api/v1/evaluation-rounds/:id: the round as the caller may see it — the form, the units
 * they rate for with whom each may rate and the figures beside it, their own units' ratings
 * (never another unit's while open: `visibleRatings`), and once closed the frozen results.
 */
export async function readEvaluationRound(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<EvaluationRoundView> {
  const round = await visibleRound(db, principal, id);
  const repo = createEvaluationRepository(db);
  const manages = managesRound(principal, round);
  const [mine, ratingRows, resultRows] = await Promise.all([
    raterUnitsWithSubjects(db, principal, round),
    repo.ratings(principal.districtCode, id),
    round.state === 'closed' ? repo.results(principal.districtCode, id) : Promise.resolve([]),
  ]);
  const ratings: (EvaluationRating & { raterUnit: string })[] = ratingRows.map((r) => ({
    raterUnit: r.rater_unit,
    raterUnitName: r.rater_unit_name,
    subject: r.subject_key,
    subjectName: r.subject_name,
    scores: jsonColumn<Record<string, number>>(r.scores),
    comment: r.comment,
    ratedBy: r.rated_by_name,
    ratedAt: new Date(r.rated_at).toISOString(),
  }));
  // A closed round's raters still read their own (the page offers no rating any more).
  const units = mine;
  const unitKeys = new Set(mine.map((u) => u.unit.key));
  const facts = await factsOf(
    db,
    principal.districtCode,
    round,
    units.flatMap((u) => u.subjects),
  );
  const rated = new Set(ratings.map((r) => `${r.raterUnit}|${r.subject}`));
  return {
    ...roundSummary(round),
    criteria: criteriaOf(round),
    raterUnits: units.map((u) => ({
      key: u.unit.key,
      name: u.unit.name,
      subjects: u.subjects.map((s) => ({
        key: s.key,
        name: s.name,
        facts: facts.get(s.key) ?? NO_FACTS,
        rated: rated.has(`${u.unit.key}|${s.key}`),
      })),
    })),
    ratings: visibleRatings(round.state, ratings, { units: unitKeys, manages }),
    ratingCount: ratings.length,
    results: resultRows.map((r) => ({
      subject: r.subject_key,
      subjectName: r.subject_name,
      ratings: Number(r.ratings),
      means: jsonColumn<Record<string, number>>(r.means),
      overallMean: Number(r.overall_mean),
    })),
    actions: manages && round.state === 'open' ? ['close'] : [],
  };
}
