import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import { caseSimilarity, distanceMetres } from '../../../shared/cases/similarity.ts';
import type { CaseState } from '../../../shared/cases/workflow.ts';
import type { DB } from '../../db/schema.ts';
import type { CaseScope } from '../auth/scope.ts';
import { createCaseSuggestionRepository, type SuggestionSubject } from './case-suggestions.repository.ts';

/** What counts as a likely duplicate (重复件): reported lately, close by, and worded alike. */
export const DUPLICATE_RULES = {
  days: 30,
  metres: 300,
  threshold: 0.35,
  top: 5,
} as const;

export interface DuplicateSuggestion {
  id: string;
  number: string;
  title: string;
  state: CaseState;
  similarity: number;
  sameGrid: boolean;
  createdAt: string;
}

/**
 * Open cases the caller can see that may report the same thing: in the same community, or within
 * 300 m when both have coordinates, created in the last 30 days, scored on their text; the best
 * five at or above the threshold.
 */
export async function suggestDuplicates(
  db: Kysely<DB>,
  scope: CaseScope,
  subject: SuggestionSubject,
  now: Date,
): Promise<DuplicateSuggestion[]> {
  const repo = createCaseSuggestionRepository(db);
  const area = await repo.areaOf(subject.district_code, subject.region_path);
  const areaPath = area?.path ?? subject.region_path;
  const candidates = await repo.duplicateCandidates(scope, subject, {
    areaPath,
    since: new Date(now.getTime() - DUPLICATE_RULES.days * 86_400_000),
    metres: DUPLICATE_RULES.metres,
  });
  const subjectPlace = placeOf(subject);
  return candidates
    .filter((c) => {
      // The box prefilter let in corners beyond the radius: only the exact distance decides.
      const place = placeOf(c);
      if (reaches(areaPath, c.region_path)) return true;
      return (
        subjectPlace !== null &&
        place !== null &&
        distanceMetres(subjectPlace, place) <= DUPLICATE_RULES.metres
      );
    })
    .map((c) => ({ c, score: caseSimilarity(subject, c) }))
    .filter(({ score }) => score >= DUPLICATE_RULES.threshold)
    .sort((a, b) => b.score - a.score || b.c.created_at.getTime() - a.c.created_at.getTime())
    .slice(0, DUPLICATE_RULES.top)
    .map(({ c, score }) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      state: c.state as CaseState,
      similarity: Math.round(score * 1000) / 1000,
      sameGrid: c.region_id === subject.region_id,
      createdAt: c.created_at.toISOString(),
    }));
}

const placeOf = (c: { latitude: number | null; longitude: number | null }) =>
  c.latitude !== null && c.longitude !== null ? { latitude: c.latitude, longitude: c.longitude } : null;
