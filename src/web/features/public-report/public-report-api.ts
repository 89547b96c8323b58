import { useMemo } from 'react';
import type { PublicReport } from '../../../shared/domain/case.ts';
import {
  type PublicRegion,
  publicRegionSchema,
  publicReportReceiptSchema,
} from '../../../shared/domain/public-report.ts';
import { useApi } from '../../app/api-context.tsx';

/** The public form's two endpoints (no sign-in). */
export function usePublicReportApi() {
  const api = useApi();
  return useMemo(
    () => ({
      region: (id: string, signal?: AbortSignal): Promise<PublicRegion> =>
        api.request('GET', `/api/v1/public/regions/${id}`, publicRegionSchema, signal ? { signal } : {}),
      submit: async (report: PublicReport): Promise<string> =>
        (await api.request('POST', '/api/v1/public/reports', publicReportReceiptSchema, { body: report }))
          .number,
    }),
    [api],
  );
}
