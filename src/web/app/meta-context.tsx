import { createContext, type ReactNode, useCallback, useContext, useEffect } from 'react';
import type { Meta } from '../../shared/domain/meta.ts';
import type { ApiClient } from '../api/client.ts';
import { type AsyncState, useAsync } from '../api/use-async.ts';
import { adoptDeploymentLocale } from '../i18n/setup.ts';

type MetaState = AsyncState<Meta> & { reload: () => void };

const MetaContext = createContext<MetaState | null>(null);

/** Loads `GET /api/v1/meta` once for the whole shell (header, dashboard). */
export function MetaProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const load = useCallback((signal: AbortSignal) => api.getMeta(signal), [api]);
  const state = useAsync(load);
  const defaultLocale = state.data?.defaultLocale;
  useEffect(() => {
    if (defaultLocale) adoptDeploymentLocale(defaultLocale);
  }, [defaultLocale]);
  return <MetaContext value={state}>{children}</MetaContext>;
}

export function useMeta(): MetaState {
  const state = useContext(MetaContext);
  if (!state) throw new Error('useMeta() outside <MetaProvider>');
  return state;
}
