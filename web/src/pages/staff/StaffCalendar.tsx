// /verwaltung/termine: an office's calendar for its staff (the department's
// staff and admins). Office selector, a day or an ISO week, and per
// appointment "Angekommen", "Erledigt", "Nicht erschienen"; in the day view a
// time range can be blocked (and unblocked) and a walk-in registered.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { send } from '../../account/api';
import { RequireLogin } from '../../account/Gate';
import type { Me } from '../../account/session';
import { apiPath, dataOf, useApi, type Office, type OfficeWithServices } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { LiveStatus, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { addDays, berlinToday, dayOf, longDay, timeOf, type Appointment, type AppointmentStatus } from '../../appointments/api';

interface Block {
  id: string;
  start: string;
  end: string;
  reason: string;
}

interface OfficeView {
  office: string;
  from: string;
  to: string;
  items: Appointment[];
  blocks: Block[];
}

/** "2026-W48" of a day (ISO 8601 week). */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of the week of `day`. */
function mondayOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
}

/** "2026-11-27T09:00:00+01:00": a Berlin wall time with that day's offset. */
function berlinIso(day: string, time: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const part = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(noon)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace('GMT', '') || '+01:00';
  return `${day}T${time}:00${offset === '' ? '+00:00' : offset}`;
}

const MARKS: { status: AppointmentStatus; key: 'arrived' | 'done' | 'noShow' }[] = [
  { status: 'arrived', key: 'arrived' },
  { status: 'done', key: 'done' },
  { status: 'no_show', key: 'noShow' },
];

function Table({ items, officeId, onChanged, say }: { items: Appointment[]; officeId: string; onChanged: () => void; say: (s: string, error?: boolean) => void }) {
  const { t } = useI18n();
  const mark = async (a: Appointment, status: AppointmentStatus, label: string) => {
    const answer = await send<Appointment>(
      'POST',
      `/api/offices/${encodeURIComponent(officeId)}/appointments/${encodeURIComponent(a.code)}/status`,
      { status },
    );
    if (answer.ok) {
      say(t.cal.marked(a.name || t.cal.walkIn, label));
      onChanged();
    } else say('network' in answer ? t.account.network : (answer.problem.detail ?? t.account.failed(answer.status)), true);
  };
  return (
    <div class="data-table-wrap">
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t.cal.time}</th>
            <th scope="col">{t.cal.person}</th>
            <th scope="col">{t.cal.service}</th>
            <th scope="col">{t.cal.code}</th>
            <th scope="col">{t.cal.status}</th>
            <th scope="col">{t.cal.actions}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.code}>
              <td class="mono">
                {timeOf(a.start)}–{timeOf(a.end)}
              </td>
              <th scope="row">{a.name || <span class="muted">{t.cal.walkIn}</span>}</th>
              <td lang="de">{a.service.title}</td>
              <td class="mono">{a.code}</td>
              <td>
                <span class={`tag status-${a.status}`}>{t.appt.status[a.status] ?? a.status}</span>
              </td>
              <td>
                {a.status !== 'cancelled' && (
                  <div class="table-actions">
                    {MARKS.filter((m) => m.status !== a.status).map((m) => (
                      <button
                        key={m.status}
                        type="button"
                        class="button button-secondary button-small"
                        aria-label={t.cal.markOf(t.cal[m.key], a.name || t.cal.walkIn, timeOf(a.start))}
                        onClick={() => mark(a, m.status, t.cal[m.key])}
                      >
                        {t.cal[m.key]}
                      </button>
                    ))}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DayTools({ office, day, blocks, onChanged, say }: { office: string; day: string; blocks: Block[]; onChanged: () => void; say: (s: string, error?: boolean) => void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState('12:00');
  const [to, setTo] = useState('13:00');
  const [reason, setReason] = useState('');
  const [blockError, setBlockError] = useState('');
  const [service, setService] = useState('');
  const [name, setName] = useState('');
  const [details] = useApi<OfficeWithServices>(`/api/offices/${encodeURIComponent(office)}`);
  // The services this office books appointments for: the pairs the waiting-time list knows.
  const [waiting] = useApi<{ items: { service: string; office: string }[] }>('/api/appointments/waiting-times');
  const bookable = new Set((dataOf(waiting)?.items ?? []).filter((w) => w.office === office).map((w) => w.service));
  const services = (dataOf(details)?.services ?? []).filter((s) => bookable.has(s.id));
  const fail = (answer: { status: number; problem?: { detail?: string } }) =>
    say(answer.status === 0 ? t.account.network : (answer.problem?.detail ?? t.account.failed(answer.status)), true);

  const block = async (e: Event) => {
    e.preventDefault();
    if (!(from < to)) {
      setBlockError(t.cal.blockOrder);
      return;
    }
    setBlockError('');
    const answer = await send<Block>('POST', `/api/offices/${encodeURIComponent(office)}/blocks`, {
      start: berlinIso(day, from),
      end: berlinIso(day, to),
      reason,
    });
    if (!answer.ok) return fail(answer);
    say(t.cal.blocked);
    setReason('');
    onChanged();
  };
  const unblock = async (b: Block) => {
    const answer = await send<void>('DELETE', `/api/offices/${encodeURIComponent(office)}/blocks/${encodeURIComponent(b.id)}`);
    if (!answer.ok) return fail(answer);
    say(t.cal.unblocked);
    onChanged();
  };
  const walkIn = async (e: Event) => {
    e.preventDefault();
    const chosen = service || services[0]?.id;
    if (!chosen) return;
    const answer = await send<Appointment>('POST', `/api/offices/${encodeURIComponent(office)}/walk-ins`, { service: chosen, name });
    if (!answer.ok) return fail(answer);
    say(t.cal.walkedIn);
    setName('');
    onChanged();
  };

  return (
    <div class="account-grid calendar-tools">
      <section class="card account-card" aria-labelledby="blocks-title">
        <h2 id="blocks-title">{t.cal.blocksTitle}</h2>
        {blocks.length === 0 ? (
          <p class="muted">{t.cal.noBlocks}</p>
        ) : (
          <ul class="link-list">
            {blocks.map((b) => (
              <li key={b.id}>
                <span class="mono">
                  {timeOf(b.start)}–{timeOf(b.end)}
                </span>{' '}
                {b.reason}{' '}
                <button type="button" class="button button-quiet button-small" aria-label={t.cal.unblockOf(timeOf(b.start), timeOf(b.end))} onClick={() => unblock(b)}>
                  {t.cal.unblock}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={block} noValidate aria-labelledby="block-title">
          <h3 id="block-title">{t.cal.blockTitle}</h3>
          <div class="form-grid">
            <TextField id="block-from" label={t.cal.blockFrom} type="time" value={from} onInput={setFrom} required error={blockError || undefined} />
            <TextField id="block-to" label={t.cal.blockTo} type="time" value={to} onInput={setTo} required />
            <TextField id="block-reason" label={t.cal.blockReason} value={reason} onInput={setReason} wide />
          </div>
          <button type="submit" class="button button-primary">
            {t.cal.blockSubmit}
          </button>
        </form>
      </section>
      <section class="card account-card" aria-labelledby="walkin-title">
        <h2 id="walkin-title">{t.cal.walkInTitle}</h2>
        <form onSubmit={walkIn} noValidate>
          <div class="form-field">
            <label for="walkin-service">{t.cal.walkInService}</label>
            <select id="walkin-service" value={service || services[0]?.id} onChange={(e) => setService((e.currentTarget as HTMLSelectElement).value)}>
              {services.map((s) => (
                <option key={s.id} value={s.id} lang="de">
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <TextField id="walkin-name" label={t.cal.walkInName} value={name} onInput={setName} autocomplete="off" />
          <button type="submit" class="button button-primary" disabled={services.length === 0}>
            {t.cal.walkInSubmit}
          </button>
        </form>
      </section>
    </div>
  );
}

function Calendar({ user }: { user: Me }) {
  const { t, locale } = useI18n();
  const { query, route, path } = useLocation();
  const [offices] = useApi<{ items: Office[] }>('/api/offices');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const mine = (dataOf(offices)?.items ?? []).filter((o) => user.role === 'admin' || o.department === user.department);
  const office = query.office && mine.some((o) => o.id === query.office) ? query.office : mine[0]?.id;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(query.tag ?? '') ? query.tag! : berlinToday();
  const week = query.ansicht === 'woche';
  const go = (next: Record<string, string | undefined>) =>
    route(apiPath(path, { office, tag: day, ansicht: week ? 'woche' : undefined, ...next }), true);
  const [view, reload] = useApi<OfficeView>(
    office ? apiPath(`/api/offices/${encodeURIComponent(office)}/appointments`, week ? { week: isoWeek(day) } : { date: day }) : null,
  );
  const say = (s: string, failed?: boolean) => {
    setError(failed ? s : '');
    setStatus(failed ? '' : s);
  };

  if (offices.state === 'error') return <LoadFailure failure={offices.failure} retry={() => {}} />;
  if (!dataOf(offices)) return <Loading />;
  if (!office) return <p class="notice">{t.cal.noOffices}</p>;
  const data = dataOf(view);
  const items = (data?.items ?? []).slice().sort((a, b) => a.start.localeCompare(b.start));
  const step = week ? 7 : 1;
  const heading = week
    ? `${t.cal.week} ${isoWeek(day).slice(6)}: ${longDay(mondayOf(day), locale, false)} – ${longDay(addDays(mondayOf(day), 6), locale)}`
    : longDay(day, locale);

  return (
    <>
      <form class="calendar-controls" onSubmit={(e) => e.preventDefault()}>
        <div class="form-field">
          <label for="cal-office">{t.cal.office}</label>
          <select id="cal-office" value={office} onChange={(e) => go({ office: (e.currentTarget as HTMLSelectElement).value })}>
            {mine.map((o) => (
              <option key={o.id} value={o.id} lang="de">
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div class="form-field">
          <label for="cal-day">{t.cal.date}</label>
          <input id="cal-day" type="date" value={day} onChange={(e) => go({ tag: (e.currentTarget as HTMLInputElement).value || undefined })} />
        </div>
        <fieldset class="segmented">
          <legend>{t.cal.view}</legend>
          <button type="button" class="button button-small" aria-pressed={!week} onClick={() => go({ ansicht: undefined })}>
            {t.cal.day}
          </button>
          <button type="button" class="button button-small" aria-pressed={week} onClick={() => go({ ansicht: 'woche' })}>
            {t.cal.week}
          </button>
        </fieldset>
        <div class="calendar-nav">
          <button type="button" class="button button-secondary button-small" onClick={() => go({ tag: addDays(day, -step) })}>
            ← {t.cal.previous}
          </button>
          <button type="button" class="button button-secondary button-small" onClick={() => go({ tag: berlinToday() })}>
            {t.cal.today}
          </button>
          <button type="button" class="button button-secondary button-small" onClick={() => go({ tag: addDays(day, step) })}>
            {t.cal.next} →
          </button>
        </div>
      </form>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <LiveStatus text={status} tone="ok" />
      <section aria-labelledby="cal-heading">
        <h2 id="cal-heading">
          {heading} <span class="muted small">· {t.cal.count(items.length)}</span>
        </h2>
        {view.state === 'error' ? (
          <LoadFailure failure={view.failure} retry={reload} />
        ) : !data ? (
          <Loading text={t.cal.loading} />
        ) : items.length === 0 ? (
          <p class="notice">{week ? t.cal.noneWeek : t.cal.none}</p>
        ) : week ? (
          [...new Set(items.map((a) => dayOf(a.start)))].map((d) => (
            <section key={d} aria-labelledby={`day-${d}`}>
              <h3 id={`day-${d}`}>{longDay(d, locale, false)}</h3>
              <Table items={items.filter((a) => dayOf(a.start) === d)} officeId={office} onChanged={reload} say={say} />
            </section>
          ))
        ) : (
          <Table items={items} officeId={office} onChanged={reload} say={say} />
        )}
      </section>
      {!week && data && <DayTools office={office} day={day} blocks={data.blocks} onChanged={reload} say={say} />}
    </>
  );
}

export function StaffCalendar() {
  const { t } = useI18n();
  const trail = [{ href: '/verwaltung', label: t.cal.trail }];
  return (
    <RequireLogin roles={['staff', 'admin']} title={t.cal.title} trail={trail}>
      {(user) => (
        <Page title={t.cal.title} trail={trail} head={<p class="lead">{t.cal.lead}</p>} wide>
          <Calendar user={user} />
        </Page>
      )}
    </RequireLogin>
  );
}
