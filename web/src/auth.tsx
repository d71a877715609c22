import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { onUnauthenticated } from './api/client.js';
import { api, type Me, type Role } from './api/endpoints.js';

interface AuthState {
  me: Me | null;
  /** True until the first /api/me answer. */
  checking: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Set when the server ended the session, to explain why the login screen is back. */
  expired: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    api.me().then(
      (m) => {
        setMe(m);
        setChecking(false);
      },
      () => {
        setMe(null);
        setChecking(false);
      },
    );
    return onUnauthenticated(() => {
      setMe((prev) => {
        if (prev) setExpired(true);
        return null;
      });
    });
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const m = await api.login(username, password);
    setExpired(false);
    setMe(m);
  }, []);
  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setMe(null);
      setExpired(false);
    }
  }, []);
  return <AuthContext.Provider value={{ me, checking, login, logout, expired }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside <AuthProvider>');
  return a;
}

/** What each role may open; the navigation and the route guard both read this one table. */
export const SCREENS = {
  queue: { path: '/queue', label: 'Queue', roles: ['admin', 'intake', 'reviewer'] },
  intake: { path: '/intake', label: 'New application', roles: ['admin', 'intake'] },
  letters: { path: '/letters', label: 'Letters', roles: ['admin', 'intake', 'reviewer', 'party'] },
  reviewers: { path: '/reviewers', label: 'Reviewers', roles: ['admin'] },
  corpus: { path: '/corpus', label: 'Corpus', roles: ['admin', 'intake', 'reviewer'] },
  users: { path: '/users', label: 'Users', roles: ['admin'] },
  audit: { path: '/audit', label: 'Audit log', roles: ['admin'] },
  operations: { path: '/operations', label: 'Operations', roles: ['admin', 'intake'] },
} as const satisfies Record<string, { path: string; label: string; roles: readonly Role[] }>;
export type ScreenName = keyof typeof SCREENS;

export function canOpen(role: Role, screen: ScreenName): boolean {
  return (SCREENS[screen].roles as readonly Role[]).includes(role);
}

export function homeFor(role: Role): string {
  return role === 'party' ? SCREENS.letters.path : SCREENS.queue.path;
}
