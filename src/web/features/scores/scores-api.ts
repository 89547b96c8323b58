import { type CloseScorePeriod, scorePeriodSummarySchema } from '../../../shared/domain/score-periods.ts';
import {
  type ScoreRuleVersionInput,
  scoreRulesViewSchema,
  scoreRuleVersionSchema,
} from '../../../shared/domain/score-rules.ts';
import {
  type ScorePointsQuery,
  scorePointsPageSchema,
  scoreTableSchema,
} from '../../../shared/domain/scores.ts';
import type { LeagueSubjects } from '../../../shared/figures/league.ts';
import type { ApiClient } from '../../api/client.ts';
import { type ScorePeriodKind, searchOf } from './score-format.ts';

export interface ScoresQuery {
  regionId: string;
  period: ScorePeriodKind;
  at?: string | undefined;
  subjects: LeagueSubjects;
}

type PointsQuery = Omit<ScorePointsQuery, 'limit' | 'after' | 'at'> & {
  at?: string | undefined;
  after?: string | undefined;
  limit: number;
};

/** 考评: the score table, a subject's points, the scoring rules, a new version, closing and reopening. */
export function scoresApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    table: (q: ScoresQuery, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/scores?${searchOf({ ...q })}`, scoreTableSchema, opts(signal)),
    points: (q: PointsQuery, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/scores/points?${searchOf({ ...q, limit: String(q.limit) })}`,
        scorePointsPageSchema,
        opts(signal),
      ),
    rules: (regionId: string, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/scores/rules?${searchOf({ regionId })}`,
        scoreRulesViewSchema,
        opts(signal),
      ),
    createVersion: (body: ScoreRuleVersionInput) =>
      api.request('POST', '/api/v1/scores/rules', scoreRuleVersionSchema, { body }),
    closePeriod: (body: CloseScorePeriod) =>
      api.request('POST', '/api/v1/score-periods', scorePeriodSummarySchema, { body }),
    reopenPeriod: (id: string, reason: string) =>
      api.request('POST', `/api/v1/score-periods/${id}/reopen`, scorePeriodSummarySchema, {
        body: { reason },
      }),
  };
}
