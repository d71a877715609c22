import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { onUnauthenticated } from './api/client.js';
import { api, type Me, type Role } from './api/endpoints.js';
import { queryKeys } from './api/query-keys.js';

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

/**
 * A change of user (log in, log out, session ended) drops everything read under the previous one, so
 * the next user never sees, even for a moment while it refreshes, a case list or a record cached for
 * someone else. Only who is signed in is kept, and set.
 */
function switchUser(queryClient: QueryClient, me: Me | null): void {
  void queryClient.cancelQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
  queryClient.setQueryData<Me | null>(queryKeys.me, me);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [expired, setExpired] = useState(false);
  // Any failure of /api/me (no session, server down) reads as nobody signed in: the login screen.
  const session = useQuery({ queryKey: queryKeys.me, queryFn: () => api.me().catch(() => null), staleTime: Infinity, retry: false });

  useEffect(
    () =>
      onUnauthenticated(() => {
        if (queryClient.getQueryData<Me | null>(queryKeys.me)) setExpired(true);
        switchUser(queryClient, null);
      }),
    [queryClient],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const m = await api.login(username, password);
      setExpired(false);
      switchUser(queryClient, m);
    },
    [queryClient],
  );
  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      switchUser(queryClient, null);
      setExpired(false);
    }
  }, [queryClient]);
  const me = session.data ?? null;
  return <AuthContext.Provider value={{ me, checking: session.isPending, login, logout, expired }}>{children}</AuthContext.Provider>;
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
