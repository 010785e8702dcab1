/**
 * Who is signed in. The cookie is httpOnly, so the app asks /api/me; it can
 * write only with the CSRF token it received at sign-in (kept per tab).
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, csrf, type ViewerInfo } from './api.js';

export interface Session {
  /** undefined while loading; null when signed out. */
  readonly viewer: ViewerInfo | null | undefined;
  /** Signed in with a CSRF token in this tab, so forms may be sent. */
  readonly canWrite: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<ViewerInfo | null | undefined>(undefined);
  const [token, setToken] = useState<string | null>(() => csrf.get());

  useEffect(() => {
    let live = true;
    api.me().then((r) => live && setViewer(r.user), () => live && setViewer(null));
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const r = await api.signIn(username, password);
    csrf.set(r!.csrf_token);
    setToken(r!.csrf_token);
    setViewer(r!.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      csrf.set(null);
      setToken(null);
      setViewer(null);
    }
  }, []);

  return (
    <SessionContext.Provider value={{ viewer, canWrite: Boolean(viewer && token), signIn, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
