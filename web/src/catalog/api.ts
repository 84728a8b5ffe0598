// The catalogue API of the Stadtkern server (src/catalog/routes.cpp) as
// the web app uses it: types of the answers and one hook that loads them.
import { useEffect, useState } from 'preact/hooks';

/** The language of the catalogue's texts (the UI may be in English). */
export const CONTENT_LANG = 'de';

/** A tel: link for a phone number as the catalogue writes it ("02151 86-0"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}

export type Maturity = 0 | 1 | 2 | 3 | 4;

/** The OZG maturity levels, lowest first. */
export const MATURITY_LEVELS: readonly Maturity[] = [0, 1, 2, 3, 4];

export type DayKey = 'mo' | 'di' | 'mi' | 'do' | 'fr' | 'sa' | 'so';

export interface SearchResult {
  id: string;
  title: string;
  summary: string;
  score: number;
  url: string;
}

export interface SearchAnswer {
  results: SearchResult[];
  no_answer: boolean;
  interpreted_query: string;
}

export interface ServiceSummary {
  id: string;
  title: string;
  summary: string;
  topic: string;
  department: string;
  maturity: Maturity;
  online: boolean;
  url: string;
}

export interface Facet {
  name: string;
  services: number;
}

export interface ServicesPage {
  items: ServiceSummary[];
  total: number;
  offset: number;
  limit: number;
  facets: { departments: Facet[]; topics: Facet[] };
}

export interface Fee {
  amount: number;
  currency: string;
  condition: string;
  per?: string;
}

export interface Service {
  id: string;
  leika: string;
  title: string;
  summary: string;
  description: string;
  topic: string;
  department: string;
  prerequisites: string[];
  documents: string[];
  fees: Fee[];
  fees_text: string[];
  processing_time?: string;
  deadlines?: string;
  legal_basis: string[];
  forms: { title: string; url: string }[];
  hints: string[];
  offices: string[];
  office_details: { id: string; name: string; url: string }[];
  online_service_url: string | null;
  channels: string[];
  maturity: Maturity;
  maturity_2025?: number;
  appointment_minutes: number | null;
  keywords: string[];
  synonyms: string[];
  related: string[];
  related_details: ServiceSummary[];
  last_review: string;
  version: number;
}

export interface OpeningSlot {
  day: DayKey;
  open: string;
  close: string;
}

export interface OpeningException {
  date: string;
  closed: boolean;
  open?: string;
  close?: string;
  note?: string;
}

export interface Office {
  id: string;
  name: string;
  department: string;
  address: { street: string; postal_code: string; city: string };
  position: { lat: number; lon: number };
  phone: string;
  email: string;
  opening_hours: OpeningSlot[];
  exceptions: OpeningException[];
  accessibility: string;
  counters: number;
  transit?: string;
  version: number;
}

export interface OfficeWithServices extends Office {
  services: ServiceSummary[];
}

export interface MaturityStats {
  services: number;
  by_level: Record<'0' | '1' | '2' | '3' | '4', number>;
  average: number;
  share_online: number;
}

export interface Inventory {
  total: MaturityStats;
  departments: (MaturityStats & { department: string })[];
  services: {
    id: string;
    title: string;
    department: string;
    topic: string;
    maturity: Maturity;
    maturity_2025: number | null;
    online_service_url: string | null;
  }[];
}

export interface MapConfig {
  tile_url: string | null;
  attribution?: string;
}

/** Why a request failed, in terms the page can explain. */
export type Failure = { kind: 'notfound' } | { kind: 'http'; status: number } | { kind: 'network' } | { kind: 'timeout' };

export class ApiError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

const TIMEOUT_MS = 10_000;

/** GET a JSON document from our own server. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, TIMEOUT_MS);
  const onAbort = () => ctrl.abort();
  signal?.addEventListener('abort', onAbort);
  try {
    let res: Response;
    try {
      res = await fetch(url, { headers: { Accept: 'application/json' }, signal: ctrl.signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new ApiError({ kind: timedOut ? 'timeout' : 'network' });
    }
    if (res.status === 404) throw new ApiError({ kind: 'notfound' });
    if (!res.ok) throw new ApiError({ kind: 'http', status: res.status });
    try {
      return (await res.json()) as T;
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new ApiError({ kind: 'http', status: res.status });
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

export type Loaded<T> =
  | { state: 'loading'; previous?: T }
  | { state: 'ok'; data: T }
  | { state: 'error'; failure: Failure };

/**
 * Runs load whenever key changes (nothing while key is null). While the next
 * answer loads, the previous one stays available as `previous`, so lists do
 * not flicker. The second element loads the same key again.
 */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): [Loaded<T>, () => void] {
  const [generation, setGeneration] = useState(0);
  // The answer together with the key it answers, so that a render for a new
  // key never shows the old answer as if it were current.
  const [result, setResult] = useState<{ key: string | null; loaded: Loaded<T> }>({
    key: null,
    loaded: { state: 'loading' },
  });
  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    setResult((r) => ({ key, loaded: { state: 'loading', previous: dataOf(r.loaded) } }));
    load(ctrl.signal).then(
      (data) => setResult({ key, loaded: { state: 'ok', data } }),
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setResult({ key, loaded: { state: 'error', failure: e instanceof ApiError ? e.failure : { kind: 'network' } } });
      },
    );
    return () => ctrl.abort();
  }, [key, generation]);
  const current: Loaded<T> =
    result.key === key ? result.loaded : { state: 'loading', previous: dataOf(result.loaded) };
  return [current, () => setGeneration((g) => g + 1)];
}

/** GET url as JSON, see useLoad. */
export function useApi<T>(url: string | null): [Loaded<T>, () => void] {
  return useLoad<T>(url, (signal) => getJson<T>(url!, signal));
}

/** The current data of a Loaded, also while the next one loads. */
export function dataOf<T>(r: Loaded<T>): T | undefined {
  return r.state === 'ok' ? r.data : r.state === 'loading' ? r.previous : undefined;
}

export function apiPath(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
