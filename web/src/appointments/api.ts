// The Terminvergabe as the web app sees it (src/appointments/routes.cpp):
// free slots, holds, bookings and the times of one Berlin day. Times come as
// ISO 8601 with the Berlin offset ("2026-11-27T09:00:00+01:00"), so the first
// ten characters are the city's calendar day and 11–16 the wall time.

export interface Slot {
  office: string;
  office_name: string;
  start: string;
  end: string;
  free: number;
}

export interface SlotsAnswer {
  service: string;
  duration_minutes: number;
  items: Slot[];
}

export interface Hold {
  hold: string;
  service: string;
  office: string;
  start: string;
  end: string;
  expires_at: string;
}

export type AppointmentStatus = 'booked' | 'arrived' | 'done' | 'no_show' | 'cancelled';

export interface Appointment {
  code: string;
  status: AppointmentStatus;
  service: { id: string; title: string };
  office: { id: string; name?: string; address?: string };
  start: string;
  end: string;
  name: string;
  email: string;
  with_account: boolean;
  created_at: string;
}

export interface Booking {
  code: string;
  token: string;
  appointment: Appointment;
  links: { self: string; ics: string; cancel: string; reschedule: string };
}

/** The Berlin calendar day of an ISO time: "2026-11-27". */
export const dayOf = (iso: string) => iso.slice(0, 10);

/** The Berlin wall time of an ISO time: "09:00". */
export const timeOf = (iso: string) => iso.slice(11, 16);

/** "Freitag, 27. November 2026" for a day "2026-11-27". */
export function longDay(day: string, locale: string, withYear = true): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(locale === 'en' ? 'en-GB' : 'de-DE', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  });
}

/** "Fr., 27.11." for a day button. */
export function shortDay(day: string, locale: string): { weekday: string; date: string } {
  const d = new Date(`${day}T12:00:00Z`);
  const loc = locale === 'en' ? 'en-GB' : 'de-DE';
  return {
    weekday: d.toLocaleDateString(loc, { weekday: 'short', timeZone: 'UTC' }),
    date: d.toLocaleDateString(loc, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  };
}

/** Today in Berlin as "2026-11-26". */
export function berlinToday(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
}

/** The day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Slots grouped by day, days in order. */
export function byDay(slots: Slot[]): Map<string, Slot[]> {
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const d = dayOf(s.start);
    if (!days.has(d)) days.set(d, []);
    days.get(d)!.push(s);
  }
  return days;
}

/** The confirmation page of a booking. */
export function confirmationHref(code: string, token: string): string {
  return `/termine/${encodeURIComponent(code)}?${new URLSearchParams({ token })}`;
}
