// The catalogue's editing API as the staff pages use it:
//   GET  /api/{services|offices}/{id}          the record and its ETag ("<version>")
//   PUT  /api/{services|offices}/{id}          the whole record, If-Match: <ETag>
//        200 record + new ETag · 412 changed meanwhile · 422 {errors:[{record,field,message}]}
//        401 not logged in · 403 not this person's department
//   GET  /api/{services|offices}/{id}/history  {history:[{version, changed_at, …}]}
// and the open-data editing API (/api/opendata/datasets/{name}), which speaks
// the same ETag/If-Match protocol; its history lists whole records
// ({items:[{version, at, actor, record}]}), turned here into the same entries.
import { send, type Problem } from '../account/api';
import type { FieldError } from '../components/Form';

export type Kind = 'services' | 'offices' | 'opendata/datasets';

export interface Loaded<R> {
  record: R;
  etag: string;
}

export interface HistoryEntry {
  version: number;
  changed_at: string;
  changed_by: string | null;
  changed_by_name: string | null;
  action: string;
  fields: string[];
}

export type SaveResult<R> =
  | { kind: 'saved'; loaded: Loaded<R> }
  | { kind: 'invalid'; errors: Problem['errors'] & object; detail?: string }
  | { kind: 'conflict' }
  | { kind: 'unauthenticated' }
  | { kind: 'forbidden' }
  | { kind: 'unavailable' }
  | { kind: 'failed'; status: number; detail?: string };

function etagOf(headers: Headers, record: { version?: number }): string {
  return headers.get('ETag') ?? `"${record.version ?? 0}"`;
}

export async function loadRecord<R extends { version?: number }>(kind: Kind, id: string): Promise<Loaded<R> | number> {
  try {
    const res = await fetch(`/api/${kind}/${encodeURIComponent(id)}`, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (!res.ok) return res.status;
    const record = (await res.json()) as R;
    return { record, etag: etagOf(res.headers, record) };
  } catch {
    return 0;
  }
}

export async function saveRecord<R extends { version?: number }>(
  kind: Kind,
  id: string,
  body: unknown,
  etag: string,
): Promise<SaveResult<R>> {
  const a = await send<R>('PUT', `/api/${kind}/${encodeURIComponent(id)}`, body, { 'If-Match': etag });
  if (a.ok) {
    const etag = etagOf(a.headers, a.body);
    const record = { ...a.body };
    if (record.version === undefined) record.version = Number(/\d+/.exec(etag)?.[0] ?? 0);
    return { kind: 'saved', loaded: { record, etag } };
  }
  switch (a.status) {
    case 412:
      return { kind: 'conflict' };
    case 422:
    case 400:
      if (a.problem.errors?.length) return { kind: 'invalid', errors: a.problem.errors, detail: a.problem.detail };
      return { kind: 'failed', status: a.status, detail: a.problem.detail };
    case 401:
      return { kind: 'unauthenticated' };
    case 403:
      return { kind: 'forbidden' };
    case 404:
    case 405:
      return { kind: 'unavailable' };
    default:
      return { kind: 'failed', status: a.status, detail: a.problem.detail };
  }
}

/** One stored version of a whole record, as the open-data history lists it. */
export interface RecordVersion {
  version: number;
  at: string;
  actor: string;
  record: Record<string, unknown>;
}

const UNTRACKED = new Set(['version', 'modified']);

/**
 * History entries from whole records: the fields that differ from the
 * version before, and what kind of change it was (created, published,
 * withdrawn, a file uploaded, or changed).
 */
export function fromRecordVersions(items: RecordVersion[]): HistoryEntry[] {
  const sorted = [...items].sort((a, b) => a.version - b.version);
  return sorted.map((item, i) => {
    const before = i > 0 ? sorted[i - 1].record : null;
    const keys = new Set([...Object.keys(item.record), ...Object.keys(before ?? {})]);
    const fields = before
      ? [...keys].filter((k) => !UNTRACKED.has(k) && JSON.stringify(item.record[k]) !== JSON.stringify(before[k])).sort()
      : [];
    let action = before ? 'update' : 'create';
    if (fields.length === 1 && fields[0] === 'private') action = item.record.private ? 'unpublish' : 'publish';
    else if (fields.length === 1 && fields[0] === 'distributions') action = 'upload';
    return { version: item.version, changed_at: item.at, changed_by: item.actor, changed_by_name: null, action, fields };
  });
}

export async function loadHistory(kind: Kind, id: string): Promise<HistoryEntry[] | number> {
  try {
    const res = await fetch(`/api/${kind}/${encodeURIComponent(id)}/history`, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (!res.ok) return res.status;
    const body = (await res.json()) as { history?: HistoryEntry[]; items?: RecordVersion[] };
    return body.items ? fromRecordVersions(body.items) : (body.history ?? []);
  } catch {
    return 0;
  }
}

/** id of the input that shows a field of the record: "fees[0].amount" -> "e-fees-0-amount". */
export function inputId(field: string): string {
  return (
    'e-' +
    field
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter(Boolean)
      .join('-')
  );
}

/**
 * Turns the server's field errors into errors at inputs of the form: the
 * input of the field itself, else the nearest enclosing group that is on the
 * page ("fees[3].amount" -> "e-fees-3-amount" -> "e-fees-3" -> "e-fees"),
 * else the form as a whole. The label of that input names it in the summary.
 */
export function placeErrors(errors: { field: string; message: string }[]): FieldError[] {
  return errors.map((e) => {
    const parts = inputId(e.field || '').split('-');
    for (let n = parts.length; n > 1; --n) {
      const id = parts.slice(0, n).join('-');
      const el = document.getElementById(id);
      if (!el) continue;
      const label =
        document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent ??
        el.querySelector(':scope > legend')?.textContent ??
        el.getAttribute('aria-label') ??
        undefined;
      return { field: id, message: e.message, label: label?.trim() || undefined };
    }
    return { field: '', message: e.field ? `${e.field}: ${e.message}` : e.message };
  });
}

/** Drops what GET adds for reading (version, *_details, fees_text, services). */
export function withoutReadOnly<R extends object>(record: R, readOnly: string[]): Partial<R> {
  const copy = { ...record } as Record<string, unknown>;
  for (const k of readOnly) delete copy[k];
  return copy as Partial<R>;
}

/** A decimal number as people type it in German or English ("12,50", "12.5"). */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!t) return null;
  const normalised = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return Number.NaN;
  return Number(normalised);
}
