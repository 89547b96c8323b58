import { useMemo } from 'react';
import {
  type AuditPage,
  type AuditVerification,
  auditActionsSchema,
  auditPageSchema,
  auditVerificationSchema,
} from '../../../shared/domain/audit.ts';
import { useApi } from '../../app/api-context.tsx';
import { type AuditFilters, auditQueryParams } from './audit-filters.ts';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The audit log's endpoints, on the app's API client. */
export function useAuditApi() {
  const api = useApi();
  return useMemo(
    () => ({
      list: (filters: AuditFilters, before?: string, signal?: AbortSignal): Promise<AuditPage> =>
        api.request(
          'GET',
          `/api/v1/audit?${auditQueryParams(filters, before)}`,
          auditPageSchema,
          withSignal(signal),
        ),
      actions: async (signal?: AbortSignal): Promise<string[]> =>
        (await api.request('GET', '/api/v1/audit/actions', auditActionsSchema, withSignal(signal))).items,
      verify: (): Promise<AuditVerification> =>
        api.request('GET', '/api/v1/audit/verify', auditVerificationSchema),
    }),
    [api],
  );
}
