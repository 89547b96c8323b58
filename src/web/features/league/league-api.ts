import {
  leagueTableSchema,
  type PublishLeague,
  publishedLeagueListSchema,
  publishedLeagueSchema,
} from '../../../shared/domain/league.ts';
import type { LeagueOrder, LeagueSubjects } from '../../../shared/figures/league.ts';
import type { ApiClient } from '../../api/client.ts';

export interface LeagueQuery {
  regionId: string;
  period: 'month' | 'quarter';
  at?: string;
  subjects: LeagueSubjects;
  order?: LeagueOrder;
}

const params = (q: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/** 数据晾晒 league tables: the live table, publishing, the published tables and their download. */
export function leagueApi(api: ApiClient) {
  return {
    live: (q: LeagueQuery, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/league?${params({ ...q })}`, leagueTableSchema, signal ? { signal } : {}),
    publish: (body: PublishLeague) =>
      api.request('POST', '/api/v1/league-tables', publishedLeagueSchema, { body }),
    published: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/league-tables', publishedLeagueListSchema, signal ? { signal } : {}),
    read: (id: string, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/league-tables/${encodeURIComponent(id)}`,
        publishedLeagueSchema,
        signal ? { signal } : {},
      ),
    download: (id: string) => api.download(`/api/v1/league-tables/${encodeURIComponent(id)}/export`),
  };
}
