// Reads the head of a CSV file for the preview: RFC 4180 (quotes, doubled
// quotes, CR LF), the separator guessed from the header line (comma or
// semicolon, as German files often use). When the text is cut off, the last
// (possibly incomplete) record is dropped.

export interface CsvTable {
  header: string[];
  rows: string[][];
}

function separatorOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

export function parseCsv(text: string, complete: boolean, maxRows: number): CsvTable {
  const sep = separatorOf(text.replace(/^\uFEFF/, ''));
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let recordDone = false;
  for (; i < text.length && records.length <= maxRows; ++i) {
    const c = text[i];
    recordDone = false;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          ++i;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
      recordDone = true;
    } else field += c;
  }
  // The last record counts only when the file ended there.
  if (complete && !recordDone && (field !== '' || row.length > 0)) {
    row.push(field);
    records.push(row);
  }
  const [header = [], ...rows] = records;
  return { header, rows: rows.slice(0, maxRows).filter((r) => r.length > 1 || r[0] !== '') };
}

/** A value as a number when it is one (also German "1.234,5"), else null. */
export function numberOf(v: string): number | null {
  const s = v.trim();
  if (s === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(s) || /^-?\d+,\d+$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  return null;
}

/** A value as a time (seconds since 1970) when it is an ISO date or date-time. */
export function timeOf(v: string): number | null {
  const s = v.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return null;
  const ms = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms / 1000;
}

export interface TimeSeries {
  timeColumn: string;
  columns: string[];
  data: [number[], ...(number | null)[][]];
}

/**
 * A time series in the table: the first column whose values are all times,
 * and every column whose values are all numbers (empty cells allowed).
 * Null when there is none or fewer than two rows.
 */
export function timeSeriesOf(t: CsvTable): TimeSeries | null {
  if (t.rows.length < 2) return null;
  const timeIdx = t.header.findIndex((_, c) => t.rows.every((r) => timeOf(r[c] ?? '') !== null));
  if (timeIdx < 0) return null;
  const numeric = t.header
    .map((_, c) => c)
    .filter((c) => c !== timeIdx && t.rows.some((r) => numberOf(r[c] ?? '') !== null) && t.rows.every((r) => (r[c] ?? '').trim() === '' || numberOf(r[c] ?? '') !== null));
  if (numeric.length === 0) return null;
  const order = t.rows.map((r) => timeOf(r[timeIdx]!)!).map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const xs = order.map(([x]) => x);
  const series = numeric.map((c) => order.map(([, i]) => numberOf(t.rows[i]![c] ?? '')));
  return { timeColumn: t.header[timeIdx]!, columns: numeric.map((c) => t.header[c]!), data: [xs, ...series] };
}
