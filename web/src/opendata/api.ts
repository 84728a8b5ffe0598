// The CKAN Action API v3 of the Stadtkern server (src/opendata/ckan.cpp) as
// the open-data pages use it: the answer types, the search request (with a
// filter query built from the chosen facets) and the CSV preview.
import { ApiError, getJson } from '../catalog/api';

export interface CkanResource {
  id: string;
  name: string;
  description: string;
  format: string;
  mimetype: string;
  url: string;
  size: number | null;
  last_modified: string;
}

export interface CkanPackage {
  name: string;
  title: string;
  notes: string;
  private: boolean;
  organization: { name: string; title?: string };
  maintainer: string | null;
  maintainer_email: string | null;
  url: string;
  license_id: string;
  license_title: string;
  license_url: string;
  isopen: boolean;
  metadata_created: string;
  metadata_modified: string;
  tags: { name: string }[];
  groups: { name: string; title: string }[];
  resources: CkanResource[];
  extras: { key: string; value: string }[];
}

export interface CkanLicense {
  id: string;
  title: string;
  url: string;
  od_conformance?: string;
}

export interface FacetItem {
  name: string;
  display_name: string;
  count: number;
}

export interface SearchResult {
  count: number;
  results: CkanPackage[];
  search_facets: Record<string, { items: FacetItem[] }>;
}

/** The facets of the search, in the order the page shows them. */
export const FACET_FIELDS = ['groups', 'organization', 'res_format', 'license_id', 'tags'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export type Selection = Partial<Record<FacetField, string[]>>;

/** A CKAN action's result, unwrapped from its envelope. */
export async function ckan<T>(action: string, params: Record<string, string>, signal?: AbortSignal): Promise<T> {
  const q = new URLSearchParams(params).toString();
  const env = await getJson<{ success: boolean; result: T }>(`/api/3/action/${action}${q ? `?${q}` : ''}`, signal);
  if (!env.success) throw new ApiError({ kind: 'http', status: 400 });
  return env.result;
}

/**
 * The filter query for the chosen facet values: every value quoted, so
 * spaces, colons and signs in a value stay part of it. The search syntax
 * has no escape for a double quote inside quotes, so such a character is
 * dropped (no facet value the catalogue produces contains one).
 */
export function buildFq(sel: Selection): string {
  const parts: string[] = [];
  for (const f of FACET_FIELDS)
    for (const v of sel[f] ?? []) {
      const clean = v.replace(/["\s]+/g, ' ').trim();
      if (clean) parts.push(`${f}:"${clean}"`);
    }
  return parts.join(' AND ');
}

/**
 * Free search text as the search understands it: a double quote without its
 * partner is dropped (the search would refuse the whole query).
 */
export function cleanQuery(q: string): string {
  return (q.match(/"/g)?.length ?? 0) % 2 === 1 ? q.replace(/"/g, ' ').trim() : q.trim();
}

export const SORTS = {
  relevance: 'score desc, metadata_modified desc',
  title: 'title_string asc',
  modified: 'metadata_modified desc',
} as const;
export type SortKey = keyof typeof SORTS;

export function extra(p: CkanPackage, key: string): string {
  return p.extras.find((e) => e.key === key)?.value ?? '';
}

/** A download URL of the server as a path of this site (the API gives absolute URLs). */
export function localPath(url: string): string {
  try {
    const u = new URL(url, window.location.origin);
    return u.pathname.startsWith('/opendata/') ? u.pathname + u.search : url;
  } catch {
    return url;
  }
}

export function isLocal(url: string): boolean {
  return localPath(url).startsWith('/opendata/');
}

/** At most this many bytes of a file are read for a CSV preview. */
export const PREVIEW_BYTES = 64 * 1024;

/**
 * The head of a file: a Range request; when the server ignores the range,
 * the body is read only up to PREVIEW_BYTES and the rest cancelled.
 * `complete` says whether the whole file was read.
 */
export async function fetchHead(url: string, signal: AbortSignal): Promise<{ text: string; complete: boolean }> {
  const res = await fetch(url, { headers: { Range: `bytes=0-${PREVIEW_BYTES - 1}` }, signal });
  if (res.status === 404) throw new ApiError({ kind: 'notfound' });
  if (!res.ok) throw new ApiError({ kind: 'http', status: res.status });
  const total = /\/(\d+)$/.exec(res.headers.get('Content-Range') ?? '')?.[1];
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < PREVIEW_BYTES) {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  if (!ended) await reader.cancel();
  const bytes = new Uint8Array(Math.min(size, PREVIEW_BYTES));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
    if (at >= bytes.length) break;
  }
  const complete =
    res.status === 206 ? total !== undefined && Number(total) <= bytes.length : ended && size <= PREVIEW_BYTES;
  return { text: new TextDecoder('utf-8').decode(bytes), complete };
}
