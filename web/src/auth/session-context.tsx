import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, type ReactNode } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, messageOf } from '../api/api-error.js';
import type { SessionInfo, User } from '../api/types.js';
import { initialSession, transitionIfAllowed, type SessionState } from './session-state.js';

export interface Session extends SessionState {
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  retry: () => void;
  /** Called by the API client when any request answers 401. */
  expire: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children, onExpireRef }: { children: ReactNode; onExpireRef?: { current: () => void } }) {
  const api = useApi();
  const [state, dispatch] = useReducer(transitionIfAllowed, initialSession);

  useEffect(() => {
    if (state.status !== 'loading') return;
    let cancelled = false;
    api.get<SessionInfo>('/auth/me').then(
      (me) => {
        if (cancelled) return;
        api.setCsrfToken(me.csrf_token);
        dispatch({ type: 'restore', user: me.user });
      },
      (err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiError && err.status === 401) dispatch({ type: 'anonymous' });
        else dispatch({ type: 'fail', message: messageOf(err) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, state.status]);

  const login = useCallback(async (email: string, password: string) => {
    const res = await api.post<{ user: User; csrf_token: string }>('/auth/login', { email, password });
    api.setCsrfToken(res.csrf_token);
    dispatch({ type: 'login', user: res.user });
  }, [api]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      // Even if the server is gone, this browser forgets the session.
      api.setCsrfToken(null);
      dispatch({ type: 'logout' });
    }
  }, [api]);

  const expire = useCallback(() => {
    api.setCsrfToken(null);
    dispatch({ type: 'expire' });
  }, [api]);

  useEffect(() => {
    if (onExpireRef) onExpireRef.current = expire;
  }, [onExpireRef, expire]);

  const value = useMemo<Session>(
    () => ({ ...state, login, logout, expire, retry: () => dispatch({ type: 'retry' }) }),
    [state, login, logout, expire],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession() outside <SessionProvider>');
  return s;
}

/** The signed-in user; only for components rendered behind the login gate. */
export function useCurrentUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser() while signed out');
  return user;
}
