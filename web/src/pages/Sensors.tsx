// The Sensoren page: every sensor of the city on a map and in a list, a
// filter by type, and for the chosen sensor its latest readings and a time
// series of one reading (NGSI-LD API: entities and the temporal API).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { SensorChart } from '../sensors/SensorChart';
import { SensorMap } from '../sensors/SensorMap';
import { RANGES, TYPES, TYPE_BY_NAME, formatTime, formatValue, loadSensors, loadSeries, type Range, type Sensor, type Series } from '../sensors/model';
import '../styles-sensors.css';

type Load<T> = { state: 'loading' } | { state: 'error' } | { state: 'ok'; data: T };

function useSensors(): Load<Sensor[]> {
  const [s, setS] = useState<Load<Sensor[]>>({ state: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    loadSensors(ctrl.signal).then(
      (data) => setS({ state: 'ok', data }),
      () => !ctrl.signal.aborted && setS({ state: 'error' }),
    );
    return () => ctrl.abort();
  }, []);
  return s;
}

function Details({ sensor }: { sensor: Sensor }) {
  const spec = TYPE_BY_NAME.get(sensor.type)!;
  const chartable = spec.attrs.filter((a) => a.chart);
  const [attr, setAttr] = useState(chartable[0]?.attr ?? '');
  const [range, setRange] = useState<Range>('24h');
  const [series, setSeries] = useState<Load<Series>>({ state: 'loading' });
  useEffect(() => setAttr(chartable[0]?.attr ?? ''), [sensor.id]);
  useEffect(() => {
    if (!attr) return;
    const ctrl = new AbortController();
    setSeries({ state: 'loading' });
    loadSeries(sensor.id, attr, range, ctrl.signal).then(
      (data) => setSeries({ state: 'ok', data }),
      () => !ctrl.signal.aborted && setSeries({ state: 'error' }),
    );
    return () => ctrl.abort();
  }, [sensor.id, attr, range]);
  const observed = spec.attrs.map((a) => sensor.props[a.attr]?.observedAt).find(Boolean);
  const attrSpec = chartable.find((a) => a.attr === attr);
  return (
    <section class="sensor-details" aria-labelledby="sensor-details-title" aria-live="polite">
      <p class="sensor-kind">
        <span class="sensor-dot" style={{ background: spec.color }} aria-hidden="true">
          {spec.symbol}
        </span>
        {spec.name}
      </p>
      <h2 id="sensor-details-title">{sensor.name}</h2>
      <p class="sensor-address">
        {sensor.address}, Musterstadt{observed && <> · gemessen {formatTime(observed)}</>}
      </p>
      <dl class="sensor-values">
        {spec.attrs.map((a) => (
          <div key={a.attr}>
            <dt>{a.label}</dt>
            <dd>{formatValue(a, sensor.props[a.attr]?.value)}</dd>
          </div>
        ))}
      </dl>
      {chartable.length === 0 ? (
        <p class="sensor-empty">Dieser Sensor meldet nur einen Zustand; einen Verlauf als Diagramm gibt es dafür nicht.</p>
      ) : (
        <>
          <h3>Verlauf</h3>
          <div class="sensor-controls">
            <label>
              Messwert{' '}
              <select value={attr} onChange={(e) => setAttr((e.target as HTMLSelectElement).value)}>
                {chartable.map((a) => (
                  <option key={a.attr} value={a.attr}>
                    {a.label}
                  </option>
                ))}
              </select>
            </label>
            <div role="group" aria-label="Zeitraum" class="sensor-ranges">
              {RANGES.map((r) => (
                <button key={r.id} type="button" class="button button-secondary" aria-pressed={range === r.id} onClick={() => setRange(r.id)}>
                  {r.label}
                </button>
              ))}
            </div>
          </div>
          {series.state === 'loading' && <p class="sensor-empty">Verlauf wird geladen …</p>}
          {series.state === 'error' && <p class="sensor-empty">Der Verlauf konnte nicht geladen werden.</p>}
          {series.state === 'ok' && attrSpec && <SensorChart spec={attrSpec} series={series.data} daily={range === '1y'} color={spec.color} />}
        </>
      )}
    </section>
  );
}

export function Sensors() {
  const { t } = useI18n();
  const sensors = useSensors();
  const [type, setType] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const all = sensors.state === 'ok' ? sensors.data : [];
  const shown = useMemo(() => (type ? all.filter((s) => s.type === type) : all), [all, type]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of all) m.set(s.type, (m.get(s.type) ?? 0) + 1);
    return m;
  }, [all]);
  const current = all.find((s) => s.id === selected) ?? null;
  const choose = (id: string) => {
    setSelected(id);
    requestAnimationFrame(() => document.getElementById('sensor-details-title')?.scrollIntoView({ block: 'nearest' }));
  };

  return (
    <Page title={t.areas.sensoren.name} wide head={<p class="lead">Messwerte aus Musterstadt: Luftqualität, Verkehr, Parken, Lärm, Wetter, Straßenbeleuchtung, Wertstoffcontainer und Ladesäulen – aktuell und im Verlauf. Die Daten stehen offen über die NGSI-LD-Schnittstelle unter /ngsi-ld/v1 bereit.</p>}>
      {sensors.state === 'loading' && <p>Sensoren werden geladen …</p>}
      {sensors.state === 'error' && <p role="alert">Die Sensoren konnten nicht geladen werden. Bitte versuchen Sie es später noch einmal.</p>}
      {sensors.state === 'ok' && (
        <div class="sensor-layout">
          <div class="sensor-main">
            <div class="sensor-filter">
              <label>
                Art des Sensors{' '}
                <select value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value)}>
                  <option value="">Alle ({all.length})</option>
                  {TYPES.filter((t) => counts.get(t.type)).map((t) => (
                    <option key={t.type} value={t.type}>
                      {t.name} ({counts.get(t.type)})
                    </option>
                  ))}
                </select>
              </label>
              <p class="sensor-count" aria-live="polite">
                {shown.length} Sensoren angezeigt
              </p>
            </div>
            <SensorMap sensors={shown} selected={selected} onSelect={choose} />
            <ul class="sensor-legend" aria-label="Legende">
              {TYPES.filter((t) => counts.get(t.type)).map((t) => (
                <li key={t.type}>
                  <span class="sensor-dot" style={{ background: t.color }} aria-hidden="true">
                    {t.symbol}
                  </span>
                  <span>{t.name}</span>
                </li>
              ))}
            </ul>
          </div>
          <div class="sensor-side">
            {current ? <Details sensor={current} /> : <p class="sensor-hint">Wählen Sie einen Sensor auf der Karte oder in der Liste, um seine Messwerte und ihren Verlauf zu sehen.</p>}
          </div>
          <section class="sensor-list" aria-labelledby="sensor-list-title">
            <h2 id="sensor-list-title">Liste der Sensoren</h2>
            <div class="sensor-table-wrap" tabIndex={0} role="region" aria-labelledby="sensor-list-title">
              <table class="sensor-table">
                <thead>
                  <tr>
                    <th scope="col">Sensor</th>
                    <th scope="col">Art</th>
                    <th scope="col">Adresse</th>
                    <th scope="col">Aktueller Wert</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((s) => {
                    const spec = TYPE_BY_NAME.get(s.type)!;
                    const first = spec.attrs[0];
                    return (
                      <tr key={s.id} aria-current={s.id === selected ? 'true' : undefined}>
                        <th scope="row">
                          <button type="button" class="link-button" onClick={() => choose(s.id)}>
                            {s.name}
                          </button>
                        </th>
                        <td>{spec.name}</td>
                        <td>{s.address}</td>
                        <td>
                          {first.label}: {formatValue(first, s.props[first.attr]?.value)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </Page>
  );
}
