import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Me } from '../../shared/domain/auth.ts';
import { type ApiError, toApiError } from '../api/api-error.ts';
import type { ApiClient } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { wipeKeptData, wipeOfflineData } from '../offline/wipe.ts';
import { clearClientData } from './client-data.ts';
import type { SignInNotice } from './sign-in-flow.ts';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signedOut'; notice?: SignInNotice | undefined }
  | { status: 'signedIn'; me: Me }
  /** The server could not be asked (network, 5xx): neither signed in nor out is known. */
  | { status: 'error'; error: ApiError };

interface AuthContextValue {
  state: AuthState;
  /** Asks the server who is signed in (after the last sign-in step, or to retry); true if someone is. */
  refresh(): Promise<boolean>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * Who is signed in, from `GET /api/v1/auth/me`. Signing out (or the server ending the session:
 * any later 401) wipes the browser's copy of the app's data and drops the signed-in tree, so no
 * page state of one user survives into the next sign-in.
 */
export function AuthProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const statusRef = useRef(state.status);
  statusRef.current = state.status;

  const refresh = useCallback(async () => {
    try {
      const me = await api.getMe();
      setState({ status: 'signedIn', me });
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      setState(apiError.status === 401 ? { status: 'signedOut' } : { status: 'error', error: apiError });
      return false;
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      api.onUnauthenticated(() => {
        if (statusRef.current !== 'signedIn') return;
        clearClientData();
        void wipeKeptData();
        setState({ status: 'signedOut', notice: 'expired' });
      }),
    [api],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session may already be gone server-side; the browser side is wiped either way.
    }
    clearClientData();
    // The field app's IndexedDB (outbox, kept cards) and the data caches go too, before anyone
    // else can sign in on this browser.
    await wipeOfflineData();
    // The next person starts from the dashboard, not from the last page of the previous one.
    navigate('/', { replace: true });
    setState({ status: 'signedOut', notice: 'signedOut' });
  }, [api]);

  return <AuthContext value={{ state, refresh, signOut }}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() outside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useMe() while nobody is signed in');
  return state.me;
}
