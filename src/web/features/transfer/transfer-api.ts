import { useMemo } from 'react';
import { progressReservationSchema } from '../../../shared/domain/progress.ts';
import {
  type ExportRequest,
  exportRequestListSchema,
  exportRequestSchema,
  type ImportRun,
  importRunListSchema,
  importUploadResponseSchema,
  type PersonalKind,
  type TransferKind,
} from '../../../shared/domain/transfer.ts';
import { useApi } from '../../app/api-context.tsx';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const requestPath = (id: string) => `/api/v1/export-requests/${encodeURIComponent(id)}`;

/** The export URL: a region (the whole scope when omitted) and, for data in full, an approved request. */
export function exportPath(kind: TransferKind, options: { regionId?: string; requestId?: string }): string {
  const params = new URLSearchParams();
  if (options.regionId) params.set('regionId', options.regionId);
  if (options.requestId) params.set('requestId', options.requestId);
  const query = params.toString();
  return `/api/v1/exports/${kind}${query ? `?${query}` : ''}`;
}

/** The upload URL, carrying the file's own name (the body is the bare file) and its reserved run. */
export function uploadPath(kind: TransferKind, fileName: string, runId?: string): string {
  const params = new URLSearchParams({ fileName: fileName.slice(0, 200) });
  if (runId) params.set('runId', runId);
  return `/api/v1/imports/${kind}?${params}`;
}

/** Imports, exports and export requests on the app's API client. */
export function useTransferApi() {
  const api = useApi();
  return useMemo(
    () => ({
      reserveImport: (kind: TransferKind) =>
        api.request('POST', `/api/v1/imports/${kind}/runs`, progressReservationSchema),
      upload: (kind: TransferKind, file: Blob, fileName: string, runId?: string) =>
        api.upload(uploadPath(kind, fileName, runId), file, importUploadResponseSchema),
      recentImports: async (signal?: AbortSignal): Promise<ImportRun[]> =>
        (await api.request('GET', '/api/v1/imports', importRunListSchema, withSignal(signal))).items,
      template: (kind: TransferKind) => api.download(`/api/v1/imports/templates/${kind}`),
      report: (runId: string) => api.download(`/api/v1/imports/${encodeURIComponent(runId)}/report`),
      myRequests: async (signal?: AbortSignal): Promise<ExportRequest[]> =>
        (await api.request('GET', '/api/v1/export-requests', exportRequestListSchema, withSignal(signal)))
          .items,
      requestsToReview: async (signal?: AbortSignal): Promise<ExportRequest[]> =>
        (
          await api.request(
            'GET',
            '/api/v1/export-requests/review',
            exportRequestListSchema,
            withSignal(signal),
          )
        ).items,
      ask: (body: { kind: PersonalKind; regionId: string; reason: string }) =>
        api.request('POST', '/api/v1/export-requests', exportRequestSchema, { body }),
      approve: (id: string, note: string) =>
        api.request('POST', `${requestPath(id)}/approve`, exportRequestSchema, {
          body: note.trim() ? { note: note.trim() } : {},
        }),
      refuse: (id: string, note: string) =>
        api.request('POST', `${requestPath(id)}/refuse`, exportRequestSchema, {
          body: { note: note.trim() },
        }),
    }),
    [api],
  );
}

export type TransferApi = ReturnType<typeof useTransferApi>;
