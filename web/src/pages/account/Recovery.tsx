// The pages behind the links in our mails, and the request for such a link:
// /konto/bestaetigen#token=…      confirm the e-mail address
// /konto/passwort-vergessen       ask for a reset link
// /konto/passwort-neu#token=…     set a new password (twice)
// Tokens travel in the fragment, so they never reach a server log; the page
// removes the fragment from the address bar once it has read it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n';
import { send, tokenFromFragment } from '../../account/api';
import { Loading } from '../../catalog/Status';
import { ErrorSummary, LiveStatus, TextField, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { useFormSubmit } from '../../components/useFormSubmit';
import { emailProblem, passwordProblem } from './Register';

/** Reads the token once and takes it out of the address bar (and history). */
function useFragmentToken(): string {
  const [token] = useState(() => tokenFromFragment(window.location.hash));
  useEffect(() => {
    if (window.location.hash) history.replaceState(history.state, '', window.location.pathname + window.location.search);
  }, []);
  return token;
}

/** A result box that takes the focus when it appears. */
function Outcome({ tone, children }: { tone: 'ok' | 'error'; children: preact.ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class={`notice ${tone === 'ok' ? 'notice-ok' : 'notice-error'} outcome`} tabIndex={-1} ref={ref} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function VerifyEmail() {
  const { t } = useI18n();
  const token = useFragmentToken();
  const [state, setState] = useState<'working' | 'ok' | 'invalid' | 'failed'>(token ? 'working' : 'invalid');
  const [status, setStatus] = useState(0);
  useEffect(() => {
    if (!token) return;
    void send('POST', '/api/auth/verify', { token }).then((a) => {
      setStatus(a.status);
      setState(a.ok ? 'ok' : a.status === 400 ? 'invalid' : 'failed');
    });
  }, [token]);
  return (
    <Page title={t.account.verifyTitle} trail={[{ href: '/konto', label: t.account.accountTitle }]}>
      <div class="auth-card card">
        {state === 'working' && <Loading text={t.account.verifying} />}
        {state === 'ok' && (
          <Outcome tone="ok">
            <p>{t.account.verified}</p>
            <p>
              <a class="button button-primary" href="/konto">
                {t.account.toAccount}
              </a>
            </p>
          </Outcome>
        )}
        {state === 'invalid' && (
          <Outcome tone="error">
            <p>
              <strong>{token ? t.account.verifyInvalid : t.account.verifyNoToken}</strong>
            </p>
            <p>{t.account.verifyInvalidHelp}</p>
            <p class="outcome-links">
              <a href="/anmelden">{t.account.login}</a>
              <a href="/registrieren">{t.account.registerLink}</a>
            </p>
          </Outcome>
        )}
        {state === 'failed' && (
          <Outcome tone="error">
            <p>{status === 0 ? t.account.network : t.account.failed(status)}</p>
          </Outcome>
        )}
      </div>
    </Page>
  );
}

export function ForgotPassword() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const { errors, generation, busy, fail, failWith, run, clear, errorOf } = useFormSubmit();
  const [sent, setSent] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const problem = emailProblem(t, email.trim());
    if (problem) return fail([{ field: 'forgot-email', message: problem }]);
    const a = await run(() => send('POST', '/api/auth/password-reset', { email: email.trim() }));
    if (a.ok) {
      clear();
      setSent(true);
    } else failWith(a, { field: 'forgot-email', throttled: t.account.forgotThrottled });
  };
  return (
    <Page
      title={t.account.forgotTitle}
      trail={[{ href: '/anmelden', label: t.account.login }]}
      head={<p class="lead">{t.account.forgotLead}</p>}
    >
      <div class="auth-card card">
        {sent ? (
          <Outcome tone="ok">
            <p>{t.account.forgotSent}</p>
            <p>
              <a href="/anmelden" class="back-link">
                {t.account.backToLogin}
              </a>
            </p>
          </Outcome>
        ) : (
          <>
            <ErrorSummary errors={errors} generation={generation} />
            <form class="form" onSubmit={submit} noValidate>
              <TextField
                id="forgot-email"
                label={t.account.email}
                type="email"
                value={email}
                onInput={setEmail}
                autocomplete="email"
                spellcheck={false}
                required
                error={errorOf('forgot-email')}
              />
              <div class="form-actions">
                <button type="submit" class="button button-primary" aria-disabled={busy}>
                  {t.account.submitForgot}
                </button>
                <a href="/anmelden" class="back-link">
                  {t.account.backToLogin}
                </a>
              </div>
              <LiveStatus text={busy ? t.account.sending : ''} />
            </form>
          </>
        )}
      </div>
    </Page>
  );
}

export function NewPassword() {
  const { t } = useI18n();
  const token = useFragmentToken();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { errors, generation, busy, fail, failWith, run, errorOf } = useFormSubmit();
  const [result, setResult] = useState<'form' | 'done' | 'invalid'>(token ? 'form' : 'invalid');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const list: FieldError[] = [];
    const problem = passwordProblem(t, password);
    if (problem) list.push({ field: 'reset-password', message: problem });
    if (!problem && password !== repeat) list.push({ field: 'reset-repeat', message: t.account.passwordMismatch });
    if (list.length) return fail(list);
    const a = await run(() => send('POST', '/api/auth/password-reset/confirm', { token, password }));
    if (a.ok) setResult('done');
    // The password was checked above, so a 400 means the link: used, expired or wrong.
    else if (a.status === 400) setResult('invalid');
    else failWith(a, { field: 'reset-password' });
  };
  return (
    <Page title={t.account.resetTitle} head={result === 'form' ? <p class="lead">{t.account.resetLead}</p> : undefined}>
      <div class="auth-card card">
        {result === 'done' && (
          <Outcome tone="ok">
            <p>{t.account.resetDone}</p>
            <p>
              <a class="button button-primary" href="/anmelden">
                {t.account.login}
              </a>
            </p>
          </Outcome>
        )}
        {result === 'invalid' && (
          <Outcome tone="error">
            <p>
              <strong>{token ? t.account.resetInvalid : t.account.resetNoToken}</strong>
            </p>
            <p>
              <a href="/konto/passwort-vergessen">{t.account.requestNewLink}</a>
            </p>
          </Outcome>
        )}
        {result === 'form' && (
          <>
            <ErrorSummary errors={errors} generation={generation} />
            <form class="form" onSubmit={submit} noValidate>
              <TextField
                id="reset-password"
                label={t.account.resetPassword}
                hint={t.account.passwordHint}
                type="password"
                value={password}
                onInput={setPassword}
                autocomplete="new-password"
                required
                error={errorOf('reset-password')}
              />
              <TextField
                id="reset-repeat"
                label={t.account.resetRepeat}
                type="password"
                value={repeat}
                onInput={setRepeat}
                autocomplete="new-password"
                required
                error={errorOf('reset-repeat')}
              />
              <div class="form-actions">
                <button type="submit" class="button button-primary" aria-disabled={busy}>
                  {t.account.submitReset}
                </button>
              </div>
              <LiveStatus text={busy ? t.account.saving : ''} />
            </form>
          </>
        )}
      </div>
    </Page>
  );
}
