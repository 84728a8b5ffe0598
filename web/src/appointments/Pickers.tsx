// The two choices of a booking, also used to move a booked appointment: the
// days with free times (buttons, four weeks ahead) and the free times of one
// day. Each is a labelled group; the chosen button carries aria-pressed.
import { useI18n } from '../i18n';
import { byDay, longDay, shortDay, timeOf, type Slot } from './api';

/** The days that have free slots, as buttons. */
export function DayPicker({
  slots,
  chosen,
  onChoose,
  id,
}: {
  slots: Slot[];
  chosen: string | null;
  onChoose: (day: string) => void;
  id: string;
}) {
  const { t, locale } = useI18n();
  const days = [...byDay(slots).entries()];
  if (days.length === 0) return <p class="notice">{t.appt.noDays}</p>;
  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`} class="slot-group">
      <h3 id={`${id}-label`} class="slot-group-title">
        {t.appt.dayLegend}
      </h3>
      <p class="field-hint" id={`${id}-hint`}>
        {t.appt.dayHint}
      </p>
      <ul class="day-grid">
        {days.map(([day, list]) => {
          const s = shortDay(day, locale);
          return (
            <li key={day}>
              <button
                type="button"
                class="day-button"
                aria-pressed={chosen === day}
                aria-label={`${longDay(day, locale)}, ${t.appt.freeTimes(list.length)}`}
                onClick={() => onChoose(day)}
              >
                <span class="day-weekday">{s.weekday}</span>
                <span class="day-date">{s.date}</span>
                <span class="day-free">{t.appt.freeTimes(list.length)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The free times of `day` as buttons. */
export function TimePicker({
  slots,
  day,
  onChoose,
  busy,
  id,
}: {
  slots: Slot[];
  day: string;
  onChoose: (slot: Slot) => void;
  busy?: boolean;
  id: string;
}) {
  const { t, locale } = useI18n();
  const times = byDay(slots).get(day) ?? [];
  return (
    <div role="group" aria-labelledby={`${id}-label`} class="slot-group">
      <h3 id={`${id}-label`} class="slot-group-title">
        {t.appt.timeLegend(longDay(day, locale, false))}
      </h3>
      <ul class="time-grid">
        {times.map((s) => (
          <li key={s.start}>
            <button type="button" class="time-button" disabled={busy} onClick={() => onChoose(s)}>
              {timeOf(s.start)}
              {t.appt.oclock && <span class="visually-hidden"> {t.appt.oclock}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
