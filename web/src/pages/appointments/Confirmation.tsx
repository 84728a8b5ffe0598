// /termine/{code}?token=…: the booked appointment — date and time, office
// and address, the code, the .ics file, and cancelling (after a question) or
// moving it to another free time of the same office. The token of the mailed
// link or the login of the citizen who booked opens it; anything else is 404.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { useI18n } from '../../i18n';
import { send } from '../../account/api';
import { apiPath, dataOf, useApi } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LiveStatus } from '../../components/Form';
import { Icon } from '../../components/Icons';
import { Page } from '../../components/Page';
import { longDay, timeOf, type Appointment, type Slot, type SlotsAnswer } from '../../appointments/api';
import { DayPicker, TimePicker } from '../../appointments/Pickers';

/** What the facts list shows of an appointment (also of one booked in the assistant). */
export type AppointmentFactsOf = Pick<Appointment, 'start' | 'end'> & {
  service: Pick<Appointment['service'], 'title'>;
  office: Pick<Appointment['office'], 'name' | 'address'>;
};

export function AppointmentFacts({ a }: { a: AppointmentFactsOf }) {
  const { t, locale } = useI18n();
  return (
    <dl class="booking-summary">
      <div>
        <dt>{t.appt.when}</dt>
        <dd>
          <strong>{longDay(a.start.slice(0, 10), locale)}</strong>
          <br />
          {t.appt.timeRange(timeOf(a.start), timeOf(a.end))}
        </dd>
      </div>
      <div>
        <dt>{t.appt.where}</dt>
        <dd lang="de">
          {a.office.name}
          {a.office.address && (
            <>
              <br />
              {a.office.address}
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>{t.appt.service}</dt>
        <dd lang="de">{a.service.title}</dd>
      </div>
    </dl>
  );
}

function Reschedule({ a, token, done }: { a: Appointment; token: string; done: (next: Appointment) => void }) {
  const { t } = useI18n();
  const [day, setDay] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [loaded, reload] = useApi<SlotsAnswer>(
    apiPath('/api/appointments/slots', { service: a.service.id, office: a.office.id, limit: 1000 }),
  );
  const slots: Slot[] = dataOf(loaded)?.items ?? [];
  const choose = async (s: Slot) => {
    setBusy(true);
    setNotice('');
    const answer = await send<Appointment>(
      'POST',
      apiPath(`/api/appointments/${encodeURIComponent(a.code)}/reschedule`, { token }),
      { start: s.start },
    );
    setBusy(false);
    if (answer.ok) return done(answer.body);
    setNotice(answer.status === 409 ? t.appt.rescheduleTaken : 'network' in answer ? t.account.network : (answer.problem.detail ?? t.account.failed(answer.status)));
    reload();
  };
  return (
    <section class="card booking-card" aria-labelledby="reschedule-title">
      <h2 id="reschedule-title">{t.appt.rescheduleLegend}</h2>
      {notice && (
        <p class="notice notice-error" role="alert">
          {notice}
        </p>
      )}
      {loaded.state === 'error' ? (
        <LoadFailure failure={loaded.failure} retry={reload} />
      ) : !dataOf(loaded) ? (
        <Loading text={t.appt.loadingSlots} />
      ) : (
        <>
          <DayPicker id="new-days" slots={slots} chosen={day} onChoose={setDay} />
          {day && <TimePicker id="new-times" slots={slots} day={day} busy={busy} onChoose={choose} />}
        </>
      )}
    </section>
  );
}

export function Confirmation() {
  const { t } = useI18n();
  const { params } = useRoute();
  const { query } = useLocation();
  const code = params.code ?? '';
  const token = query.token ?? '';
  const [loaded, retry] = useApi<Appointment>(apiPath(`/api/appointments/${encodeURIComponent(code)}`, { token }));
  const [current, setCurrent] = useState<Appointment | null>(null);
  const [asking, setAsking] = useState(false);
  const [moving, setMoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const a = current ?? (loaded.state === 'ok' ? loaded.data : null);
  const active = a?.status === 'booked';
  const fresh = a && !current && Date.now() - Date.parse(a.created_at) < 10 * 60 * 1000 && active;
  const title = fresh ? t.appt.confirmedTitle : t.appt.appointmentTitle;
  const trail = [{ href: '/termine', label: t.appt.trail }];

  const cancel = async () => {
    if (!a) return;
    setBusy(true);
    setStatus(t.appt.cancelling);
    const answer = await send<Appointment>('POST', apiPath(`/api/appointments/${encodeURIComponent(a.code)}/cancel`, { token }));
    setBusy(false);
    setAsking(false);
    if (answer.ok) {
      setCurrent(answer.body);
      setStatus(t.appt.cancelled);
    } else {
      setStatus('');
      setError('network' in answer ? t.account.network : (answer.problem.detail ?? t.account.failed(answer.status)));
    }
  };

  if (loaded.state === 'error')
    return (
      <Page title={t.appt.appointmentTitle} trail={trail}>
        {loaded.failure.kind === 'notfound' ? (
          <p class="notice notice-error">{t.appt.notFound}</p>
        ) : (
          <LoadFailure failure={loaded.failure} retry={retry} />
        )}
      </Page>
    );
  if (!a)
    return (
      <Page title={t.appt.appointmentTitle} trail={trail}>
        <Loading />
      </Page>
    );
  return (
    <Page
      title={title}
      trail={trail}
      kicker={
        <span class="area-kicker">
          <Icon name="termine" size={22} />
        </span>
      }
      head={active && <p class="lead">{t.appt.confirmedLead}</p>}
      wide
    >
      <div class="confirmation-grid">
        <section class="card booking-card" aria-labelledby="facts-title">
          <h2 id="facts-title">
            {t.appt.summary}{' '}
            <span class={`tag status-${a.status}`}>{t.appt.status[a.status] ?? a.status}</span>
          </h2>
          <AppointmentFacts a={a} />
          {error && (
            <p class="notice notice-error" role="alert">
              {error}
            </p>
          )}
          {active && (
            <div class="form-actions">
              <a class="button button-primary" href={apiPath(`/api/appointments/${encodeURIComponent(a.code)}.ics`, { token })} download>
                <Icon name="download" size={20} />
                <span>{t.appt.ics}</span>
              </a>
              <button type="button" class="button button-secondary" aria-expanded={moving} onClick={() => setMoving(!moving)}>
                {moving ? t.appt.closeReschedule : t.appt.reschedule}
              </button>
              <button type="button" class="button button-secondary button-danger-outline" onClick={() => setAsking(true)}>
                {t.appt.cancel}
              </button>
            </div>
          )}
          {!active && (
            <p>
              <a href={`/termine/buchen?service=${encodeURIComponent(a.service.id)}`}>{t.appt.bookAnother}</a>
            </p>
          )}
          <LiveStatus text={status} tone="ok" />
        </section>
        <aside class="card code-card" aria-labelledby="code-title">
          <h2 id="code-title">{t.appt.code}</h2>
          <p class="booking-code">{a.code}</p>
          <p class="muted small">{t.appt.codeHint}</p>
        </aside>
      </div>
      {moving && active && (
        <Reschedule
          a={a}
          token={token}
          done={(next) => {
            setCurrent(next);
            setMoving(false);
            setStatus(t.appt.rescheduled);
          }}
        />
      )}
      <ConfirmDialog
        id="cancel-dialog"
        open={asking}
        title={t.appt.cancelQuestion}
        confirmLabel={t.appt.cancelYes}
        cancelLabel={t.appt.keep}
        onConfirm={cancel}
        onClose={() => setAsking(false)}
        danger
        busy={busy}
      >
        <AppointmentFacts a={a} />
        <p>{t.appt.cancelWarning}</p>
      </ConfirmDialog>
    </Page>
  );
}
