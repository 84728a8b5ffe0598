// /termine/buchen?service=<id>: an appointment in three steps, as on
// service.berlin.de — (1) office and day, (2) time, (3) contact and confirm.
// Choosing a time takes a hold (5 minutes, shown as they run down); booking
// turns it into the appointment and leads to its confirmation page. A time
// taken meanwhile (409) sends the person back to the times, in plain words.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { send } from '../../account/api';
import { loginHref, useSession } from '../../account/session';
import { apiPath, dataOf, useApi, type Service } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { ErrorSummary, LiveStatus, TextField, type FieldError } from '../../components/Form';
import { Icon } from '../../components/Icons';
import { Page } from '../../components/Page';
import { useFormSubmit } from '../../components/useFormSubmit';
import { confirmationHref, longDay, timeOf, type Booking, type Hold, type Slot, type SlotsAnswer } from '../../appointments/api';
import { DayPicker, TimePicker } from '../../appointments/Pickers';

type Step = 1 | 2 | 3;

function Steps({ step }: { step: Step }) {
  const { t } = useI18n();
  const names = [t.appt.step1, t.appt.step2, t.appt.step3];
  return (
    <nav aria-label={t.appt.steps} class="steps">
      <ol>
        {names.map((name, i) => {
          const n = (i + 1) as Step;
          const state = n < step ? 'done' : n === step ? 'current' : 'todo';
          return (
            <li key={n} class={`step step-${state}`} aria-current={n === step ? 'step' : undefined}>
              <span class="step-number" aria-hidden="true">
                {n < step ? '✓' : n}
              </span>
              <span class="step-name">
                <span class="visually-hidden">{t.appt.stepOf(n, 3)}: </span>
                {name}
                <span class="visually-hidden"> {n === step ? t.appt.current : n < step ? t.appt.done : ''}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Minutes left of a hold, counted on this device from the server's own Date. */
function useMinutesLeft(deadline: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, [deadline]);
  if (deadline === null) return 0;
  return Math.max(0, Math.ceil((deadline - now) / 60000));
}

function Booker({ service }: { service: Service }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { route, url } = useLocation();
  const [step, setStep] = useState<Step>(1);
  const [office, setOffice] = useState(service.office_details[0]?.id ?? '');
  const [day, setDay] = useState<string | null>(null);
  const [hold, setHold] = useState<{ hold: Hold; deadline: number } | null>(null);
  const [notice, setNotice] = useState('');
  const [status, setStatus] = useState('');
  const [name, setName] = useState(user?.display_name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const { errors, generation, busy, fail, failWith, run, clear, errorOf } = useFormSubmit();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const citizen = user?.role === 'citizen';

  useEffect(() => {
    if (citizen && user) {
      setName(user.display_name);
      setEmail(user.email);
    }
  }, [citizen, user?.id]);

  const [slotsLoaded, reloadSlots] = useApi<SlotsAnswer>(
    office ? apiPath('/api/appointments/slots', { service: service.id, office, limit: 1000 }) : null,
  );
  const slots: Slot[] = dataOf(slotsLoaded)?.items ?? [];
  const minutesLeft = useMinutesLeft(hold?.deadline ?? null);
  const expired = step === 3 && hold !== null && minutesLeft === 0;

  const go = (next: Step) => {
    setStep(next);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const chooseTime = async (slot: Slot) => {
    setNotice('');
    setStatus(t.appt.holding);
    const answer = await run(() => send<Hold>('POST', '/api/appointments/holds', { service: service.id, office, start: slot.start }));
    setStatus('');
    if (answer.ok) {
      const serverNow = Date.parse(answer.headers.get('Date') ?? '');
      const ttl = Date.parse(answer.body.expires_at) - (Number.isFinite(serverNow) ? serverNow : Date.now());
      setHold({ hold: answer.body, deadline: Date.now() + ttl });
      clear();
      go(3);
      return;
    }
    if (answer.status === 409) {
      setNotice(t.appt.taken);
      reloadSlots();
    } else if (answer.status === 429) setNotice(t.appt.tooManyHolds);
    else if ('network' in answer) setNotice(t.account.network);
    else setNotice(answer.problem.detail ?? t.account.failed(answer.status));
  };

  const book = async (e: Event) => {
    e.preventDefault();
    if (!hold) return;
    const problems: FieldError[] = [];
    if (!name.trim()) problems.push({ field: 'appt-name', message: t.account.requiredName });
    if (!email.trim()) problems.push({ field: 'appt-email', message: t.account.requiredEmail });
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) problems.push({ field: 'appt-email', message: t.account.invalidEmail });
    fail(problems);
    if (problems.length) return;
    setStatus(t.appt.booking);
    const answer = await run(() => send<Booking>('POST', '/api/appointments', { hold: hold.hold.hold, name: name.trim(), email: email.trim() }));
    setStatus('');
    if (answer.ok) {
      route(confirmationHref(answer.body.code, answer.body.token));
      return;
    }
    if (answer.status === 409) {
      setHold(null);
      setNotice(answer.problem.type === '/problems/hold-expired' ? t.appt.holdExpired : t.appt.taken);
      reloadSlots();
      go(2);
      return;
    }
    failWith(answer);
  };

  const officeName = service.office_details.find((o) => o.id === office)?.name ?? '';
  const stepTitle = [t.appt.step1, t.appt.step2, t.appt.step3][step - 1];

  return (
    <div class="booking">
      <Steps step={step} />
      <section class="card booking-card" aria-labelledby="booking-step-title">
        <h2 id="booking-step-title" tabIndex={-1} ref={headingRef}>
          <span class="booking-step-of">{t.appt.stepOf(step, 3)}</span> {stepTitle}
        </h2>
        {notice && (
          <p class="notice notice-error" role="alert">
            {notice}
          </p>
        )}
        {step === 1 && (
          <>
            {service.office_details.length > 1 ? (
              <fieldset class="choice-list">
                <legend>{t.appt.officeLegend}</legend>
                {service.office_details.map((o) => (
                  <label key={o.id} class="choice">
                    <input
                      type="radio"
                      name="office"
                      value={o.id}
                      checked={office === o.id}
                      onChange={() => {
                        setOffice(o.id);
                        setDay(null);
                      }}
                    />
                    <span lang="de">{o.name}</span>
                  </label>
                ))}
              </fieldset>
            ) : (
              <p>
                <strong>{t.appt.office}:</strong> <span lang="de">{officeName}</span>
              </p>
            )}
            {slotsLoaded.state === 'error' ? (
              <LoadFailure failure={slotsLoaded.failure} retry={reloadSlots} />
            ) : slotsLoaded.state === 'loading' && !dataOf(slotsLoaded) ? (
              <Loading text={t.appt.loadingSlots} />
            ) : (
              <DayPicker
                id="days"
                slots={slots}
                chosen={day}
                onChoose={(d) => {
                  setDay(d);
                  setNotice('');
                  go(2);
                }}
              />
            )}
          </>
        )}
        {step === 2 && day && (
          <>
            <p>
              <span lang="de">{officeName}</span> · {longDay(day, locale)}
            </p>
            <TimePicker id="times" slots={slots} day={day} busy={busy} onChoose={chooseTime} />
            <div class="form-actions">
              <button type="button" class="button button-secondary" onClick={() => go(1)}>
                <span aria-hidden="true">← </span>
                {t.appt.back}
              </button>
            </div>
          </>
        )}
        {step === 3 && hold && (
          <form onSubmit={book} noValidate>
            <ErrorSummary errors={errors} generation={generation} />
            <dl class="booking-summary">
              <div>
                <dt>{t.appt.service}</dt>
                <dd lang="de">{service.title}</dd>
              </div>
              <div>
                <dt>{t.appt.when}</dt>
                <dd>
                  {longDay(hold.hold.start.slice(0, 10), locale)}, {t.appt.timeRange(timeOf(hold.hold.start), timeOf(hold.hold.end))}
                </dd>
              </div>
              <div>
                <dt>{t.appt.where}</dt>
                <dd lang="de">{officeName}</dd>
              </div>
            </dl>
            {expired ? (
              <p class="notice notice-error" role="alert">
                {t.appt.holdExpired}
              </p>
            ) : (
              <p class="notice hold-timer">
                <Icon name="lock" size={18} /> {t.appt.held(minutesLeft)}
              </p>
            )}
            <div class="form-grid">
              <TextField
                id="appt-name"
                label={t.appt.name}
                value={name}
                onInput={setName}
                autocomplete="name"
                required
                readOnly={citizen}
                hint={citizen ? t.appt.fromAccount : undefined}
                error={errorOf('appt-name')}
              />
              <TextField
                id="appt-email"
                label={t.appt.email}
                type="email"
                value={email}
                onInput={setEmail}
                autocomplete="email"
                required
                readOnly={citizen}
                hint={citizen ? t.appt.fromAccount : t.appt.emailHint}
                error={errorOf('appt-email')}
              />
            </div>
            {!user && (
              <p class="muted small">
                {t.appt.loginHint} <a href={loginHref(url)}>{t.appt.loginLink}</a>
              </p>
            )}
            <p class="muted small">{t.appt.privacy}</p>
            <div class="form-actions">
              {expired ? (
                <button type="button" class="button button-primary" onClick={() => go(2)}>
                  {t.appt.step2}
                </button>
              ) : (
                <button type="submit" class="button button-primary" disabled={busy}>
                  {t.appt.confirm}
                </button>
              )}
              <button
                type="button"
                class="button button-secondary"
                onClick={() => {
                  setHold(null);
                  go(2);
                }}
              >
                <span aria-hidden="true">← </span>
                {t.appt.back}
              </button>
            </div>
          </form>
        )}
        <LiveStatus text={status} />
      </section>
    </div>
  );
}

export function Book() {
  const { t } = useI18n();
  const { query } = useLocation();
  const serviceId = query.service ?? '';
  const [loaded, retry] = useApi<Service>(serviceId ? `/api/services/${encodeURIComponent(serviceId)}` : null);
  const service = loaded.state === 'ok' ? loaded.data : undefined;
  const trail = [{ href: '/termine', label: t.appt.trail }];
  return (
    <Page
      title={t.appt.bookTitle}
      trail={trail}
      head={service && <p class="lead">{t.appt.bookLead(service.title)}</p>}
      wide
    >
      {!serviceId ? (
        <div class="notice">
          <p>{t.appt.chooseService}</p>
          <a class="button button-primary" href="/leistungen">
            {t.appt.toServices}
          </a>
        </div>
      ) : loaded.state === 'error' ? (
        <LoadFailure failure={loaded.failure} retry={retry} />
      ) : !service ? (
        <Loading />
      ) : service.appointment_minutes === null || service.office_details.length === 0 ? (
        <p class="notice">{t.appt.notBookable}</p>
      ) : (
        <Booker key={service.id} service={service} />
      )}
    </Page>
  );
}
