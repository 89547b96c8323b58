import { useCallback } from 'react';
import type { Department } from '../../../shared/domain/department.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { casesApi } from './cases-api.ts';

/** The active departments a case can be sent to, in the list's order. */
export function useDepartments(): Department[] {
  const api = useApi();
  const load = useCallback(
    async (signal: AbortSignal) => (await casesApi(api).departments(signal)).items.filter((d) => d.active),
    [api],
  );
  const result = useAsync(load);
  return result.data ?? [];
}
