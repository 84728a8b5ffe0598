// A time series of one attribute with uPlot, plus its text alternative: a
// summary (lowest, average, highest, latest) and, on request, a table of
// the points.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttrSpec, Series } from './model';
import { displayNumber } from './model';

function fmt(spec: AttrSpec, v: number): string {
  const text = displayNumber(spec, v).toLocaleString('de-DE', { minimumFractionDigits: spec.digits, maximumFractionDigits: spec.digits });
  return spec.unit ? `${text} ${spec.unit}` : text;
}

function when(t: number, daily: boolean): string {
  const d = new Date(t * 1000);
  return daily ? d.toLocaleDateString('de-DE', { dateStyle: 'medium' }) : d.toLocaleString('de-DE', { dateStyle: 'short', timeStyle: 'short' });
}

const HOUR_TICK = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
const DAY_TICK = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: 'numeric', month: 'numeric' });

// Time-axis labels in German (Berlin time): "06:00" within two days, else "27.11.".
function germanTimeTicks(ticks: number[]): string[] {
  const span = ticks.length > 1 ? ticks[ticks.length - 1]! - ticks[0]! : 0;
  const format = span <= 2 * 86400 ? HOUR_TICK : DAY_TICK;
  return ticks.map((t) => format.format(new Date(t * 1000)));
}

export function SensorChart({ spec, series, daily, color }: { spec: AttrSpec; series: Series; daily: boolean; color: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [table, setTable] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!el.current || series.times.length < 2) return;
    let plot: { destroy(): void; setSize(s: { width: number; height: number }): void } | undefined;
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
      .then(([mod]) => {
        if (cancelled || !el.current) return;
        const UPlot = mod.default;
        const width = Math.max(260, el.current.clientWidth);
        plot = new UPlot(
          {
            width,
            height: 240,
            legend: { show: false },
            cursor: { drag: { x: false, y: false } },
            scales: { x: { time: true } },
            axes: [
              { stroke: '#3b3f45', grid: { stroke: '#e3e6ea' }, values: (_u, ticks) => germanTimeTicks(ticks) },
              { stroke: '#3b3f45', grid: { stroke: '#e3e6ea' }, size: 56, values: (_u, ticks) => ticks.map((v) => v.toLocaleString('de-DE')) },
            ],
            series: [{}, { label: spec.label, stroke: color, width: 2, fill: `${color}22`, points: { show: series.times.length < 60 } }],
          },
          [series.times, series.values.map((v) => displayNumber(spec, v))],
          el.current,
        );
        observer = new ResizeObserver(() => el.current && plot?.setSize({ width: Math.max(260, el.current.clientWidth), height: 240 }));
        observer.observe(el.current);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [series, spec, color]);

  if (series.times.length === 0) return <p class="sensor-empty">Für diesen Zeitraum liegen keine Messwerte vor.</p>;
  const values = series.values;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const avg = values.reduce((a, b) => a + b, 0) / values.length;
  const iMin = values.indexOf(min);
  const iMax = values.indexOf(max);
  return (
    <div class="sensor-chart">
      {series.times.length >= 2 ? (
        <div ref={el} class="sensor-chart-plot" aria-hidden="true" data-points={series.times.length} />
      ) : (
        <p class="sensor-empty">Für ein Diagramm gibt es in diesem Zeitraum noch zu wenige Messwerte.</p>
      )}
      {failed && <p class="map-note">Das Diagramm konnte nicht geladen werden; die Werte stehen in der Tabelle.</p>}
      <p class="sensor-summary">
        {series.times.length.toLocaleString('de-DE')} {daily ? 'Tagesmittel' : 'Stundenmittel'}: niedrigster Wert {fmt(spec, min)} ({when(series.times[iMin], daily)}), Durchschnitt {fmt(spec, avg)}, höchster Wert{' '}
        {fmt(spec, max)} ({when(series.times[iMax], daily)}).
      </p>
      <button type="button" class="button button-secondary" aria-expanded={table} onClick={() => setTable(!table)}>
        {table ? 'Tabelle ausblenden' : 'Werte als Tabelle'}
      </button>
      {table && (
        <div class="sensor-table-wrap">
          <table class="sensor-table">
            <caption class="visually-hidden">
              {spec.label}, {daily ? 'Tagesmittel' : 'Stundenmittel'}
            </caption>
            <thead>
              <tr>
                <th scope="col">{daily ? 'Tag' : 'Stunde ab'}</th>
                <th scope="col">{spec.label}</th>
              </tr>
            </thead>
            <tbody>
              {series.times.map((t, i) => (
                <tr key={t}>
                  <td>{when(t, daily)}</td>
                  <td>{fmt(spec, series.values[i])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
