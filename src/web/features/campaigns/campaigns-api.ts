import { useMemo } from 'react';
import { z } from 'zod';
import {
  type CreateCampaign,
  campaignListSchema,
  campaignReportSchema,
  campaignSchema,
  type MarkExample,
} from '../../../shared/domain/campaign.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

const campaignUrl = (id: string) => `/api/v1/campaigns/${encodeURIComponent(id)}`;

/** The campaign endpoints, parsed with the shared schemas. */
export function campaignsApi(api: ApiClient) {
  return {
    list: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/campaigns', campaignListSchema, signal ? { signal } : {}),
    create: (body: CreateCampaign) => api.request('POST', '/api/v1/campaigns', campaignSchema, { body }),
    report: (id: string, signal?: AbortSignal) =>
      api.request('GET', campaignUrl(id), campaignReportSchema, signal ? { signal } : {}),
    pack: (id: string, lang: Locale) =>
      api.download(`${campaignUrl(id)}/report.xlsx?lang=${encodeURIComponent(lang)}`),
    markExample: (id: string, body: MarkExample) =>
      api.request('POST', `${campaignUrl(id)}/examples`, z.object({ caseId: z.uuid() }), { body }),
    unmarkExample: (id: string, caseId: string) =>
      api.request('DELETE', `${campaignUrl(id)}/examples/${encodeURIComponent(caseId)}`, z.undefined()),
  };
}

export function useCampaignsApi() {
  const api = useApi();
  return useMemo(() => campaignsApi(api), [api]);
}

/** The campaigns area's pages: the list, a report, and a report's print view. */
export type CampaignPage = { page: 'list' } | { page: 'report'; id: string } | { page: 'print'; id: string };

export function campaignPageOf(pathname: string): CampaignPage | null {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean).slice(1);
  if (parts.length === 0) return { page: 'list' };
  const [id, sub] = parts;
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  if (parts.length === 1) return { page: 'report', id };
  if (parts.length === 2 && sub === 'print') return { page: 'print', id };
  return null;
}
