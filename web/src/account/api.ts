// Requests that change state (login, registration, saving a record): JSON in,
// the status and the parsed answer out, never an exception for an HTTP error,
// so that each page can explain 401, 409, 412, 422 or 429 in its own words.
// The browser adds the same-site Origin header the server requires.

export type Role = 'citizen' | 'staff' | 'admin';

/** GET /api/me: the logged-in person (src/accounts/routes.cpp me_json). */
export interface Me {
  id: string;
  username: string;
  display_name: string;
  email: string;
  role: Role;
  department: string | null;
  email_verified: boolean;
}

/** An RFC 9457 problem, with the catalogue's field errors when present. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { record?: string; field: string; message: string }[];
}

export type Answer<T> =
  | { ok: true; status: number; body: T; headers: Headers }
  | { ok: false; status: number; problem: Problem; headers: Headers; retryAfter?: number }
  | { ok: false; status: 0; problem: Problem; network: true };

const TIMEOUT_MS = 15_000;

/** Sends `body` as JSON with `method` to our own server. */
export async function send<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctrl.signal,
    });
  } catch {
    return { ok: false, status: 0, problem: {}, network: true };
  } finally {
    clearTimeout(timer);
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (res.ok) return { ok: true, status: res.status, body: parsed as T, headers: res.headers };
  const retry = Number(res.headers.get('Retry-After'));
  return {
    ok: false,
    status: res.status,
    problem: (parsed && typeof parsed === 'object' ? parsed : {}) as Problem,
    headers: res.headers,
    retryAfter: Number.isFinite(retry) && retry > 0 ? retry : undefined,
  };
}

/** Whole minutes to wait, at least one. */
export function minutesOf(seconds: number | undefined): number {
  return Math.max(1, Math.ceil((seconds ?? 60) / 60));
}

/**
 * The `next` parameter of /anmelden, accepted only as a path on this site:
 * "/konto" yes; "//evil.example", "https://…", "/\\evil", "javascript:" no.
 */
export function safeNext(next: string | undefined | null): string {
  if (!next) return '/konto';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/konto';
  if (/[\u0000-\u001f\\]/.test(next)) return '/konto';
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return '/konto';
    if (url.pathname === '/anmelden') return '/konto';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/konto';
  }
}

/** The token of a mailed link: /konto/bestaetigen#token=… */
export function tokenFromFragment(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim() ?? '';
}
