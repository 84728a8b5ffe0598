// The preview of a download on the dataset page. CSV: the first rows as a
// table (only the head of the file is fetched, see fetchHead) and, when
// the rows are a time series, a uPlot chart. GeoJSON: the features on a
// Leaflet map (tiles from /api/map-config, as on the office pages).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { GeoJsonObject } from 'geojson';
import { useI18n } from '../i18n';
import { ApiError, getJson } from '../catalog/api';
import { failureText } from '../catalog/Status';
import { useMapBackground } from '../catalog/OfficeMap';
import { fetchHead, localPath, type CkanResource } from './api';
import { parseCsv, timeSeriesOf, type CsvTable, type TimeSeries } from './csv';

export type PreviewKind = 'csv' | 'geojson';

const ROWS = 10;
/** A GeoJSON file is drawn only up to this size (bytes). */
const MAX_GEOJSON = 5 * 1024 * 1024;

export function previewKind(r: CkanResource): PreviewKind | null {
  const f = r.format.toUpperCase();
  if (f === 'CSV' || r.mimetype === 'text/csv') return 'csv';
  if (f === 'GEOJSON' || r.mimetype === 'application/geo+json') return r.size !== null && r.size > MAX_GEOJSON ? null : 'geojson';
  return null;
}

function Chart({ series, label }: { series: TimeSeries; label: string }) {
  const { locale } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    let plot: { destroy(): void } | undefined;
    let cancelled = false;
    const colors = ['#0f4c5c', '#e8a33d', '#7a3b69', '#2e7d32', '#c62828'];
    const fmt = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    });
    const when = (seconds: number) => fmt.format(new Date(seconds * 1000));
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (cancelled || !el.current) return;
      const width = Math.max(280, el.current.clientWidth);
      plot = new UPlot(
        {
          width,
          height: 260,
          tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Europe/Berlin'),
          series: [
            { label: series.timeColumn, value: (_u, v) => (v === null ? '–' : when(v)) },
            ...series.columns.map((c, i) => ({ label: c, stroke: colors[i % colors.length], width: 2 }))],
          axes: [{ space: 120, values: (_u, splits) => splits.map((v) => when(v)) }, {}],
        },
        series.data as unknown as [number[], ...number[][]],
        el.current,
      );
    });
    return () => {
      cancelled = true;
      plot?.destroy();
    };
  }, [series, locale]);
  return <div ref={el} class="od-chart" role="img" aria-label={label} />;
}

function CsvPreview({ url }: { url: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ table?: CsvTable; cut?: boolean; error?: string }>({});
  useEffect(() => {
    const ctrl = new AbortController();
    fetchHead(url, ctrl.signal).then(
      ({ text, complete }) => {
        const table = parseCsv(text, complete, ROWS);
        setState({ table, cut: !complete });
      },
      (e: unknown) => !ctrl.signal.aborted && setState({ error: e instanceof ApiError ? failureText(t, e.failure) : t.od.previewFailed }),
    );
    return () => ctrl.abort();
  }, [url]);
  if (state.error) return <p class="notice notice-error">{t.od.previewFailed} {state.error}</p>;
  if (!state.table) return <p class="loading">{t.load.loading}</p>;
  const { header, rows } = state.table;
  const series = timeSeriesOf(state.table);
  return (
    <>
      {series && <Chart series={series} label={t.od.chart(series.columns.join(', '))} />}
      <div class="od-table-wrap" tabIndex={0} role="region" aria-label={t.od.previewRows(rows.length)}>
        <table class="od-table" lang="de">
          <caption>
            {rows.length === 0 ? t.od.previewHeaderOnly : t.od.previewRows(rows.length)}
            {state.cut ? ` – ${t.od.previewCut}` : ''}
          </caption>
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {header.map((_, c) => (
                  <td key={c}>{r[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function GeoJsonPreview({ url, title }: { url: string; title: string }) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const bg = useMapBackground();
  const [info, setInfo] = useState<string>('');
  useEffect(() => {
    if (bg.state === 'loading' || !el.current) return;
    const ctrl = new AbortController();
    let map: import('leaflet').Map | undefined;
    Promise.all([getJson<GeoJsonObject>(url, ctrl.signal), import('leaflet'), import('leaflet/dist/leaflet.css')])
      .then(([geo, L]) => {
        if (ctrl.signal.aborted || !el.current) return;
        map = L.map(el.current, { zoomControl: true, attributionControl: bg.state === 'tiles', scrollWheelZoom: false, keyboard: true });
        if (bg.state === 'tiles') {
          map.attributionControl.setPrefix(false);
          L.tileLayer(bg.url, { attribution: bg.attribution, maxZoom: 19 }).addTo(map);
        }
        const layer = L.geoJSON(geo, {
          pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 7, color: '#ffffff', weight: 2, fillColor: '#0f4c5c', fillOpacity: 1 }),
          style: { color: '#0f4c5c', weight: 2 },
        }).addTo(map);
        const n = layer.getLayers().length;
        setInfo(t.od.features(n));
        const b = layer.getBounds();
        if (b.isValid()) map.fitBounds(b, { padding: [24, 24], maxZoom: 16 });
        else map.setView([51.3, 6.56], 12);
      })
      .catch(() => !ctrl.signal.aborted && setInfo(t.od.previewFailed));
    return () => {
      ctrl.abort();
      map?.remove();
    };
  }, [bg.state, url]);
  return (
    <div class={`od-map-frame ${bg.state === 'none' ? 'no-tiles' : ''}`}>
      <div ref={el} class="od-map" role="region" aria-label={t.od.mapOf(title)} />
      <p class="od-map-info" role="status">
        {info}
      </p>
    </div>
  );
}

export function Preview({ resource, kind }: { resource: CkanResource; kind: PreviewKind }) {
  const { t } = useI18n();
  const url = localPath(resource.url);
  return (
    <section class="od-preview" aria-label={t.od.previewOf(resource.name)}>
      {kind === 'csv' ? <CsvPreview url={url} /> : <GeoJsonPreview url={url} title={resource.name} />}
    </section>
  );
}
