// The sensors of the Sensoren page: what the page knows about each Smart
// Data Models type (German names, marker colours, which attributes to show
// with which label and unit) and the calls to the NGSI-LD API (public reads).
import { getJson } from '../catalog/api';

export interface AttrSpec {
  attr: string;
  label: string;
  unit: string;
  /** Numeric and recorded over time: can be charted. */
  chart: boolean;
  digits: number;
  /** Shown as a percentage (values 0..1). */
  percent?: boolean;
  /** German words for text values. */
  words?: Record<string, string>;
}

export interface TypeSpec {
  type: string;
  name: string;
  color: string;
  /** A letter on the marker, so types differ by more than colour. */
  symbol: string;
  attrs: AttrSpec[];
}

const num = (attr: string, label: string, unit: string, digits = 1): AttrSpec => ({ attr, label, unit, chart: true, digits });
const pct = (attr: string, label: string): AttrSpec => ({ attr, label, unit: '%', chart: true, digits: 0, percent: true });
const word = (attr: string, label: string, words: Record<string, string>): AttrSpec => ({ attr, label, unit: '', chart: false, digits: 0, words });

export const TYPES: TypeSpec[] = [
  {
    type: 'AirQualityObserved',
    name: 'Luftqualität',
    color: '#1b7a3e',
    symbol: 'L',
    attrs: [num('no2', 'Stickstoffdioxid (NO₂)', 'µg/m³'), num('pm10', 'Feinstaub PM10', 'µg/m³'), num('pm25', 'Feinstaub PM2,5', 'µg/m³'), num('o3', 'Ozon (O₃)', 'µg/m³'), num('temperature', 'Temperatur', '°C')],
  },
  {
    type: 'OffStreetParking',
    name: 'Parkhaus',
    color: '#1f5fa8',
    symbol: 'P',
    attrs: [num('availableSpotNumber', 'Freie Plätze', '', 0), { ...num('totalSpotNumber', 'Plätze insgesamt', '', 0), chart: false }],
  },
  { type: 'ParkingSpot', name: 'Stellplatz', color: '#46699a', symbol: 'S', attrs: [word('status', 'Zustand', { free: 'frei', occupied: 'belegt' })] },
  {
    type: 'TrafficFlowObserved',
    name: 'Verkehr',
    color: '#b3261e',
    symbol: 'V',
    attrs: [num('intensity', 'Fahrzeuge', 'pro Stunde', 0), num('averageVehicleSpeed', 'Mittlere Geschwindigkeit', 'km/h'), pct('occupancy', 'Belegung der Fahrbahn')],
  },
  { type: 'NoiseLevelObserved', name: 'Lärm', color: '#7b3fa0', symbol: 'R', attrs: [num('LAeq', 'Mittelungspegel LAeq', 'dB(A)'), num('LAmax', 'Spitzenpegel LAmax', 'dB(A)')] },
  {
    type: 'WeatherObserved',
    name: 'Wetter',
    color: '#0f6f7a',
    symbol: 'W',
    attrs: [num('temperature', 'Temperatur', '°C'), pct('relativeHumidity', 'Relative Luftfeuchte'), num('windSpeed', 'Windgeschwindigkeit', 'm/s'), num('precipitation', 'Niederschlag', 'mm'), num('atmosphericPressure', 'Luftdruck', 'hPa')],
  },
  { type: 'Streetlight', name: 'Straßenleuchte', color: '#765c00', symbol: 'B', attrs: [word('powerState', 'Zustand', { on: 'an', off: 'aus' }), pct('illuminanceLevel', 'Helligkeit')] },
  { type: 'WasteContainer', name: 'Wertstoffcontainer', color: '#5d4a2f', symbol: 'A', attrs: [pct('fillingLevel', 'Füllstand'), word('status', 'Zustand', { ok: 'in Ordnung', full: 'voll', lidOpen: 'Deckel offen' })] },
  {
    type: 'EVChargingStation',
    name: 'Ladesäule',
    color: '#c2410c',
    symbol: 'E',
    attrs: [num('availableCapacity', 'Freie Ladepunkte', '', 0), { ...num('capacity', 'Ladepunkte insgesamt', '', 0), chart: false }, word('status', 'Zustand', { working: 'in Betrieb', almostFull: 'fast belegt', full: 'voll belegt', outOfService: 'außer Betrieb' })],
  },
];

export const TYPE_BY_NAME = new Map(TYPES.map((t) => [t.type, t]));

interface Prop {
  type?: string;
  value?: unknown;
  observedAt?: string;
}

export interface Sensor {
  id: string;
  type: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  props: Record<string, Prop>;
}

type RawEntity = Record<string, unknown> & { id: string; type: string };

function toSensor(e: RawEntity): Sensor | null {
  const loc = e.location as { value?: { coordinates?: [number, number] } } | undefined;
  const c = loc?.value?.coordinates;
  if (!c || typeof c[0] !== 'number' || typeof c[1] !== 'number') return null;
  const name = (e.name as Prop | undefined)?.value;
  const address = (e.address as { value?: { streetAddress?: string } } | undefined)?.value?.streetAddress;
  return {
    id: e.id,
    type: e.type,
    name: typeof name === 'string' ? name : e.id,
    address: typeof address === 'string' ? address : '',
    lat: c[1],
    lon: c[0],
    props: e as unknown as Record<string, Prop>,
  };
}

/** Every sensor of the known types (at most 1,000 per page, paged). */
export async function loadSensors(signal: AbortSignal): Promise<Sensor[]> {
  const types = TYPES.map((t) => t.type).join(',');
  const out: Sensor[] = [];
  for (let offset = 0; offset < 20000; offset += 1000) {
    const page = await getJson<RawEntity[]>(`/ngsi-ld/v1/entities?type=${encodeURIComponent(types)}&limit=1000&offset=${offset}`, signal);
    for (const e of page) {
      const s = toSensor(e);
      if (s) out.push(s);
    }
    if (page.length < 1000) break;
  }
  return out;
}

export type Range = '24h' | '7d' | '30d' | '1y';
export const RANGES: { id: Range; label: string; seconds: number; period: string }[] = [
  { id: '24h', label: '24 Stunden', seconds: 86400, period: 'PT1H' },
  { id: '7d', label: '7 Tage', seconds: 7 * 86400, period: 'PT1H' },
  { id: '30d', label: '30 Tage', seconds: 30 * 86400, period: 'PT1H' },
  { id: '1y', label: '1 Jahr', seconds: 365 * 86400, period: 'P1D' },
];

/** Points of a series: times (Unix seconds, period start) and averages. */
export interface Series {
  times: number[];
  values: number[];
}

/** Hourly (daily for a year) averages of one attribute from the temporal API. */
export async function loadSeries(id: string, attr: string, range: Range, signal: AbortSignal): Promise<Series> {
  const r = RANGES.find((x) => x.id === range)!;
  const from = new Date(Date.now() - r.seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const url =
    `/ngsi-ld/v1/temporal/entities/${encodeURIComponent(id)}?attrs=${encodeURIComponent(attr)}` +
    `&timerel=after&timeAt=${encodeURIComponent(from)}&options=aggregatedValues&aggrMethods=avg&aggrPeriodDuration=${r.period}`;
  const body = await getJson<Record<string, { avg?: [number | null, string, string][] }>>(url, signal);
  const times: number[] = [];
  const values: number[] = [];
  for (const [v, start] of body[attr]?.avg ?? []) {
    if (typeof v !== 'number') continue;
    times.push(Date.parse(start) / 1000);
    values.push(v);
  }
  return { times, values };
}

/** A reading for people: German number format, unit, words for states. */
export function formatValue(spec: AttrSpec, value: unknown): string {
  if (typeof value === 'string') return spec.words?.[value] ?? value;
  if (typeof value !== 'number') return '–';
  const v = spec.percent ? value * 100 : value;
  const text = v.toLocaleString('de-DE', { minimumFractionDigits: spec.digits, maximumFractionDigits: spec.digits });
  return spec.unit ? `${text} ${spec.unit}` : text;
}

/** The value of a series point in the attribute's display unit. */
export function displayNumber(spec: AttrSpec, value: number): number {
  return spec.percent ? value * 100 : value;
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString('de-DE', { dateStyle: 'medium', timeStyle: 'short' });
}
