import { useMemo } from 'react';
import type { PublicReport } from '../../../shared/domain/case.ts';
import {
  type PhoneCodeRequest,
  type PhoneCodeSent,
  phoneCodeSentSchema,
} from '../../../shared/domain/public-entry.ts';
import {
  type PublicRegion,
  type PublicReportReceipt,
  publicRegionSchema,
  publicReportReceiptSchema,
} from '../../../shared/domain/public-report.ts';
import { useApi } from '../../app/api-context.tsx';
import { type CodeLookup, lookUpCode } from './code-lookup.ts';

/** The public form's endpoints (no sign-in). */
export function usePublicReportApi() {
  const api = useApi();
  return useMemo(
    () => ({
      region: (id: string, signal?: AbortSignal): Promise<PublicRegion> =>
        api.request('GET', `/api/v1/public/regions/${id}`, publicRegionSchema, signal ? { signal } : {}),
      submit: (report: PublicReport): Promise<PublicReportReceipt> =>
        api.request('POST', '/api/v1/public/reports', publicReportReceiptSchema, { body: report }),
      /** A QR code's place, or what replaced it (`/q/<code>`). */
      code: (code: string, signal?: AbortSignal): Promise<CodeLookup> => lookUpCode(code, signal),
      sendPhoneCode: (request: PhoneCodeRequest): Promise<PhoneCodeSent> =>
        api.request('POST', '/api/v1/public/phone-codes', phoneCodeSentSchema, { body: request }),
    }),
    [api],
  );
}
