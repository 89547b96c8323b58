import { createContext, type ReactNode, useCallback, useContext } from 'react';
import type { Meta } from '../../shared/domain/meta.ts';
import type { ApiClient } from '../api/client.ts';
import { type AsyncState, useAsync } from '../api/use-async.ts';

type MetaState = AsyncState<Meta> & { reload: () => void };

const MetaContext = createContext<MetaState | null>(null);

/** Loads `GET /api/v1/meta` once for the whole shell (header, dashboard). */
export function MetaProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const load = useCallback((signal: AbortSignal) => api.getMeta(signal), [api]);
  return <MetaContext value={useAsync(load)}>{children}</MetaContext>;
}

export function useMeta(): MetaState {
  const state = useContext(MetaContext);
  if (!state) throw new Error('useMeta() outside <MetaProvider>');
  return state;
}
