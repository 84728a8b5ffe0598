// /konto/termine "Meine Termine": the appointments a logged-in citizen booked
// (GET /api/me/appointments), upcoming first; each can be cancelled after a
// question. Past and cancelled ones are listed below for reference.
import { useI18n } from '../../i18n';
import { send } from '../../account/api';
import { RequireLogin } from '../../account/Gate';
import { useApi } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icons';
import { Page } from '../../components/Page';
import { RowActionFeedback, useRowAction } from '../../components/RowAction';
import { longDay, timeOf, type Appointment } from '../../appointments/api';
import { AppointmentFacts } from './Confirmation';

function Item({ a, onCancel }: { a: Appointment; onCancel?: () => void }) {
  const { t, locale } = useI18n();
  return (
    <li class="card item-card">
      <h3>
        <span lang="de">{a.service.title}</span>
        <span class={`tag status-${a.status}`}>{t.appt.status[a.status] ?? a.status}</span>
      </h3>
      <p>
        <strong>{longDay(a.start.slice(0, 10), locale)}</strong>, {t.appt.timeRange(timeOf(a.start), timeOf(a.end))}
        <br />
        <span lang="de">{a.office.name}</span>
        {a.office.address && <span lang="de">, {a.office.address}</span>}
      </p>
      <p class="muted small">
        {t.appt.code}: <span class="mono">{a.code}</span>
      </p>
      {onCancel && (
        <div class="form-actions">
          <button
            type="button"
            class="button button-secondary button-danger-outline"
            aria-label={t.appt.cancelOf(a.service.title, longDay(a.start.slice(0, 10), locale))}
            onClick={onCancel}
          >
            {t.appt.cancel}
          </button>
        </div>
      )}
    </li>
  );
}

function List() {
  const { t } = useI18n();
  const [loaded, reload] = useApi<{ items: Appointment[] }>('/api/me/appointments');
  const { asking, ask, close, busy, status, error, act } = useRowAction<Appointment>();
  if (loaded.state === 'error') return <LoadFailure failure={loaded.failure} retry={reload} />;
  if (loaded.state !== 'ok') return <Loading />;
  const now = Date.now();
  const items = [...loaded.data.items].sort((x, y) => x.start.localeCompare(y.start));
  const upcoming = items.filter((a) => a.status === 'booked' && Date.parse(a.end) > now);
  const past = items.filter((a) => !upcoming.includes(a)).reverse();

  const cancel = async () => {
    const ok = await act(
      t.appt.cancelling,
      (a) => send<Appointment>('POST', `/api/appointments/${encodeURIComponent(a.code)}/cancel`),
      () => t.appt.cancelled,
    );
    if (ok) reload();
  };

  return (
    <>
      <RowActionFeedback status={status} error={error} />
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t.appt.upcoming}</h2>
        {upcoming.length === 0 ? (
          <p class="notice">{t.appt.none}</p>
        ) : (
          <ul class="item-list">
            {upcoming.map((a) => (
              <Item key={a.code} a={a} onCancel={() => ask(a)} />
            ))}
          </ul>
        )}
        <p>
          <a class="button button-primary" href="/leistungen">
            <Icon name="termine" size={20} />
            <span>{t.appt.bookNew}</span>
          </a>
        </p>
      </section>
      {past.length > 0 && (
        <section aria-labelledby="past-title">
          <h2 id="past-title">{t.appt.past}</h2>
          <ul class="item-list">
            {past.map((a) => (
              <Item key={a.code} a={a} />
            ))}
          </ul>
        </section>
      )}
      <ConfirmDialog
        id="cancel-dialog"
        open={asking !== null}
        title={t.appt.cancelQuestion}
        confirmLabel={t.appt.cancelYes}
        cancelLabel={t.appt.keep}
        onConfirm={cancel}
        onClose={close}
        danger
        busy={busy}
      >
        {asking && <AppointmentFacts a={asking} />}
        <p>{t.appt.cancelWarning}</p>
      </ConfirmDialog>
    </>
  );
}

export function MyAppointments() {
  const { t } = useI18n();
  const trail = [{ href: '/konto', label: t.account.accountTitle }];
  return (
    <RequireLogin title={t.appt.mineTitle} trail={trail}>
      {() => (
        <Page title={t.appt.mineTitle} trail={trail} head={<p class="lead">{t.appt.mineLead}</p>}>
          <List />
        </Page>
      )}
    </RequireLogin>
  );
}
