// Opening hours as people read them: today's hours with a "now open" /
// "now closed" badge, the week as a table with today marked, and the
// exceptions (holidays, shortened days). All in Musterstadt's time.
import { Fragment } from 'preact';
import { useI18n } from '../i18n';
import { CONTENT_LANG, type Office } from './api';
import { DAYS, hoursOn, openState, regularHours, upcomingExceptions, type CityTime, type Slot } from './hours';

type Hours = Pick<Office, 'opening_hours' | 'exceptions'>;

/** "08:00–12:30 und 14:00–18:00 Uhr"; a time range never breaks inside. */
export function Slots({ slots }: { slots: Slot[] }) {
  const { t } = useI18n();
  if (slots.length === 0) return <>{t.hours.closed}</>;
  return (
    <>
      {slots.map((s, i) => (
        <Fragment key={s.open}>
          {i > 0 && (i === slots.length - 1 ? ` ${t.hours.and} ` : ', ')}
          <span class="time-range">
            {s.open}–{s.close}
            {i === slots.length - 1 ? t.hours.oclock : ''}
          </span>
        </Fragment>
      ))}
    </>
  );
}

/** "Jetzt geöffnet (bis 12:30 Uhr)" or "Jetzt geschlossen (öffnet heute um 14:00 Uhr)". */
export function OpenBadge({ office, now }: { office: Hours; now: CityTime }) {
  const { t } = useI18n();
  const state = openState(hoursOn(office, now.date, now.day), now);
  return (
    <span class={`open-badge ${state.open ? 'is-open' : 'is-closed'}`}>
      <span class="dot" aria-hidden="true" />
      <span>
        <strong>{state.open ? t.hours.openNow : t.hours.closedNow}</strong>
        {state.open ? ` · ${t.hours.until(state.until)}` : state.opensAt ? ` · ${t.hours.opensAt(state.opensAt)}` : ''}
      </span>
    </span>
  );
}

/** Today's hours in one line, with the reason when an exception applies. */
export function TodayHours({ office, now }: { office: Hours; now: CityTime }) {
  const { t } = useI18n();
  const today = hoursOn(office, now.date, now.day);
  return (
    <p class="today-hours">
      <span class="today-label">{t.hours.today}:</span> <Slots slots={today.slots} />
      {today.exception?.note && (
        <span class="muted" lang={CONTENT_LANG}>
          {' '}
          ({today.exception.note})
        </span>
      )}
    </p>
  );
}

function formatDate(iso: string, locale: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

export function WeeklyHours({ office, now, captionId }: { office: Hours; now: CityTime; captionId: string }) {
  const { t, locale } = useI18n();
  const today = hoursOn(office, now.date, now.day);
  const exceptions = upcomingExceptions(office, now.date);
  return (
    <>
      <table class="hours-table" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">{t.hours.day}</th>
            <th scope="col">{t.hours.times}</th>
          </tr>
        </thead>
        <tbody>
          {DAYS.map((day) => {
            const isToday = day === now.day;
            return (
              <tr key={day} class={isToday ? 'is-today' : undefined} aria-current={isToday ? 'date' : undefined}>
                <th scope="row">
                  {t.hours.days[day]}
                  {isToday && <span class="today-tag">{t.hours.today}</span>}
                </th>
                <td>
                  <Slots slots={regularHours(office, day)} />
                  {isToday && today.exception && (
                    <span class="hours-exception">
                      {t.hours.todayInstead}: <Slots slots={today.slots} />
                      {today.exception.note && <span lang={CONTENT_LANG}> – {today.exception.note}</span>}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {exceptions.length > 0 && (
        <>
          <h3>{t.hours.exceptions}</h3>
          <ul class="exception-list">
            {exceptions.map((e) => (
              <li key={e.date + (e.open ?? '')}>
                <span class="exception-date">{formatDate(e.date, locale)}</span>
                <span>
                  <Slots slots={e.closed || !e.open || !e.close ? [] : [{ open: e.open, close: e.close }]} />
                  {e.note && <span lang={CONTENT_LANG}> – {e.note}</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="muted small">{t.hours.zoneNote}</p>
    </>
  );
}
