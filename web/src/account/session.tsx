// Who is logged in: GET /api/me once when the app starts, again after login
// and logout. Pages read it with useSession(); pages that need a login or a
// role wrap their content in <RequireLogin> / <RequireRole>.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Dictionary } from '../i18n';
import { send, type Me, type Role } from './api';
import { clearTranscript } from '../assistant/api';

export type SessionState =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'user'; user: Me }
  /** /api/me did not answer; the app behaves as if nobody is logged in. */
  | { state: 'unknown' };

export interface Session {
  session: SessionState;
  /** The logged-in person, if any. */
  user: Me | null;
  /** Asks the server again (after a login, or when a request answered 401). */
  refresh: () => Promise<SessionState>;
  /** Ends this session (everywhere = every session of the account); false when it failed. */
  logout: (everywhere?: boolean) => Promise<boolean>;
}

const SessionContext = createContext<Session>({
  session: { state: 'loading' },
  user: null,
  refresh: async () => ({ state: 'loading' }),
  logout: async () => false,
});

async function fetchMe(): Promise<SessionState> {
  try {
    const res = await fetch('/api/me', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (res.status === 401) return { state: 'anonymous' };
    if (!res.ok) return { state: 'unknown' };
    return { state: 'user', user: (await res.json()) as Me };
  } catch {
    return { state: 'unknown' };
  }
}

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [session, setSession] = useState<SessionState>({ state: 'loading' });

  const refresh = useCallback(async () => {
    const next = await fetchMe();
    setSession(next);
    return next;
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const logout = useCallback(async (everywhere = false) => {
    const answer = await send<void>('POST', everywhere ? '/api/auth/logout-all' : '/api/auth/logout');
    // 401 on logout-all: the session had already ended, so the result is the same.
    if (!answer.ok && answer.status !== 401) return false;
    clearTranscript();
    setSession({ state: 'anonymous' });
    return true;
  }, []);

  const value = useMemo<Session>(
    () => ({ session, user: session.state === 'user' ? session.user : null, refresh, logout }),
    [session, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

/** /anmelden?next=<the current page> */
export function loginHref(pathAndQuery: string): string {
  return `/anmelden?${new URLSearchParams({ next: pathAndQuery })}`;
}

/** The current path with its query, as the `next` of a login. */
export function useHere(): string {
  const { url } = useLocation();
  return url;
}

/** True for staff and admins. */
export function isStaff(user: Me | null): boolean {
  return user?.role === 'staff' || user?.role === 'admin';
}

/** May this person edit a record of `department`? Admins all, staff their own department. */
export function mayEdit(user: Me | null, department: string | undefined): boolean {
  if (!user || !department) return false;
  return user.role === 'admin' || (user.role === 'staff' && user.department === department);
}

export type { Me, Role };

/** The staff tools a person may open, for the account menu and the account page. */
export function staffLinks(user: Me, t: Dictionary): { href: string; label: string }[] {
  if (!isStaff(user)) return [];
  return [
    { href: '/verwaltung/ist-analyse', label: t.inventory.title },
    { href: '/verwaltung/termine', label: t.cal.title },
    { href: '/verwaltung/daten', label: t.od.ed.listTitle },
    ...(user.role === 'admin' ? [{ href: '/verwaltung/protokoll', label: t.cal.auditTitle }] : []),
  ];
}
