// Opening hours in the city's time zone (Europe/Berlin), whatever zone the
// visitor's device is in: "today", "now open" and the day's slots, with the
// office's exceptions (holidays, shortened days) taken into account.
import { useEffect, useState } from 'preact/hooks';
import type { DayKey, Office, OpeningException } from './api';

export const CITY_TIME_ZONE = 'Europe/Berlin';
export const DAYS: readonly DayKey[] = ['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'];

/** A moment as a clock on the town hall wall shows it. */
export interface CityTime {
  /** ISO date, e.g. 2026-11-26 */
  date: string;
  day: DayKey;
  /** Minutes since midnight */
  minutes: number;
}

const WEEKDAY: Record<string, DayKey> = { Mon: 'mo', Tue: 'di', Wed: 'mi', Thu: 'do', Fri: 'fr', Sat: 'sa', Sun: 'so' };

const cityClock = new Intl.DateTimeFormat('en-US', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function cityTime(at: Date = new Date()): CityTime {
  const parts: Record<string, string> = {};
  for (const p of cityClock.formatToParts(at)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: WEEKDAY[parts.weekday ?? 'Mon'] ?? 'mo',
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The city's time now, updated every 30 seconds while the page is open. */
export function useCityTime(): CityTime {
  const [now, setNow] = useState(() => cityTime());
  useEffect(() => {
    const timer = setInterval(() => setNow(cityTime()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export interface Slot {
  open: string;
  close: string;
}

export interface DayHours {
  slots: Slot[];
  /** The exception that replaces the regular hours of that date. */
  exception?: OpeningException;
}

/** The hours of one date: its exceptions if there are any, else the weekday's regular hours. */
export function hoursOn(office: Pick<Office, 'opening_hours' | 'exceptions'>, date: string, day: DayKey): DayHours {
  const exceptions = office.exceptions.filter((e) => e.date === date);
  if (exceptions.length > 0) {
    const slots = exceptions
      .filter((e) => !e.closed && e.open && e.close)
      .map((e) => ({ open: e.open!, close: e.close! }))
      .sort((a, b) => a.open.localeCompare(b.open));
    return { slots, exception: exceptions[0] };
  }
  return { slots: regularHours(office, day) };
}

export function regularHours(office: Pick<Office, 'opening_hours'>, day: DayKey): Slot[] {
  return office.opening_hours
    .filter((h) => h.day === day)
    .map((h) => ({ open: h.open, close: h.close }))
    .sort((a, b) => a.open.localeCompare(b.open));
}

export type OpenState =
  | { open: true; until: string }
  | { open: false; opensAt?: string };

/** Open right now? If so until when; if not, whether it opens later today. */
export function openState(today: DayHours, now: CityTime): OpenState {
  for (const s of today.slots) {
    if (toMinutes(s.open) <= now.minutes && now.minutes < toMinutes(s.close)) return { open: true, until: s.close };
  }
  const later = today.slots.find((s) => toMinutes(s.open) > now.minutes);
  return later ? { open: false, opensAt: later.open } : { open: false };
}

/** Exceptions from today on, in date order. */
export function upcomingExceptions(office: Pick<Office, 'exceptions'>, today: string): OpeningException[] {
  return office.exceptions.filter((e) => e.date >= today).sort((a, b) => a.date.localeCompare(b.date));
}
