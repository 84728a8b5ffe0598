// The open-data editing API (src/opendata/editing_routes.cpp) as the staff
// pages use it: the list of every dataset, the record's type, create,
// publish/unpublish and file uploads. Reading and replacing a record with
// ETag/If-Match and the history go through staff/edit.ts like the catalogue.
import { send } from '../account/api';
import type { Loaded } from '../staff/edit';

export const DATASETS = '/api/opendata/datasets';

/** One row of GET /api/opendata/datasets. */
export interface DatasetSummary {
  name: string;
  title: string;
  organization: string;
  organization_title: string;
  private: boolean;
  modified: string;
  version: number;
  /** non-empty: the platform generates the files */
  live_source: string;
  files: number;
  /** the caller may change it (staff of its organisation, admins) */
  editable: boolean;
}

export interface Distribution {
  id: string;
  title: string;
  description: string;
  format: string;
  media_type: string;
  file: string;
  access_url: string;
  license: string;
  byte_size: number | null;
}

/** A dataset record as GET /api/opendata/datasets/{name} returns it. */
export interface DatasetRecord {
  name: string;
  title: string;
  notes: string;
  organization: string;
  contact_email: string;
  contact_url: string;
  license: string;
  attribution: string;
  themes: string[];
  keywords: string[];
  temporal_start: string;
  temporal_end: string;
  issued: string;
  modified: string;
  accrual_periodicity: string;
  live_source: string;
  private: boolean;
  usage: { personal_data: string; purpose: string; retention: string; quality: string };
  distributions: Distribution[];
  version: number;
}

export const MAX_UPLOAD = 16 * 1024 * 1024;

/** The list, or the HTTP status (0: no answer). */
export async function listDatasets(signal?: AbortSignal): Promise<DatasetSummary[] | number> {
  try {
    const res = await fetch(DATASETS, { headers: { Accept: 'application/json' }, cache: 'no-store', signal });
    if (!res.ok) return res.status;
    return ((await res.json()) as { items: DatasetSummary[] }).items;
  } catch {
    return 0;
  }
}

function loadedOf(headers: Headers, record: DatasetRecord): Loaded<DatasetRecord> {
  return { record, etag: headers.get('ETag') ?? `"${record.version}"` };
}

export type Outcome = { ok: true; loaded: Loaded<DatasetRecord> } | { ok: false; status: number; detail?: string };

/** POST …/publish or …/unpublish. */
export async function setPublished(name: string, publish: boolean): Promise<Outcome> {
  const a = await send<DatasetRecord>('POST', `${DATASETS}/${encodeURIComponent(name)}/${publish ? 'publish' : 'unpublish'}`);
  if (a.ok) return { ok: true, loaded: loadedOf(a.headers, a.body) };
  return { ok: false, status: a.status, detail: a.problem.detail };
}

/** PUT …/files/{file}: the file as the body, typed by the server from its content. */
export async function uploadFile(name: string, file: string, title: string, body: Blob, etag: string): Promise<Outcome> {
  const q = title.trim() ? `?${new URLSearchParams({ title: title.trim() })}` : '';
  let res: Response;
  try {
    res = await fetch(`${DATASETS}/${encodeURIComponent(name)}/files/${encodeURIComponent(file)}${q}`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream', 'If-Match': etag },
      body,
    });
  } catch {
    return { ok: false, status: 0 };
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.ok && parsed) return { ok: true, loaded: loadedOf(res.headers, parsed as DatasetRecord) };
  const detail = parsed && typeof parsed === 'object' ? (parsed as { detail?: string }).detail : undefined;
  return { ok: false, status: res.status, detail };
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** A file name the server accepts, from the chosen file's name: "Termine 2027.CSV" -> "termine-2027.csv". */
export function fileNameFor(original: string): string {
  const dot = original.lastIndexOf('.');
  const stem = dot > 0 ? original.slice(0, dot) : original;
  const ext = dot > 0 ? original.slice(dot + 1).toLowerCase() : '';
  const slug = stem
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 90);
  return ext ? `${slug || 'datei'}.${ext}` : slug;
}
