// /anmelden: log in with username and password, then back to ?next= (a path
// on this site only). Wrong credentials (401) and throttling (429 with
// Retry-After) are explained in plain language.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { minutesOf, safeNext, send, type Me } from '../../account/api';
import { useSession } from '../../account/session';
import { ErrorSummary, LiveStatus, TextField, errorOf, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';

export function Login() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const { session, refresh } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState(false);
  const next = safeNext(query.next);
  const askedFor = query.next !== undefined;
  const loggedOut =
    query.abgemeldet === undefined ? '' : query.abgemeldet === 'alle' ? t.account.loggedOutAll : t.account.loggedOut;

  const fail = (list: FieldError[]) => {
    setErrors(list);
    setGeneration((g) => g + 1);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const list: FieldError[] = [];
    if (!username.trim()) list.push({ field: 'login-username', message: t.account.requiredUsername });
    if (!password) list.push({ field: 'login-password', message: t.account.requiredPassword });
    if (list.length) return fail(list);
    setBusy(true);
    const answer = await send<{ user: Me }>('POST', '/api/auth/login', { username: username.trim(), password });
    setBusy(false);
    if (answer.ok) {
      setErrors([]);
      await refresh();
      route(next);
      return;
    }
    setPassword('');
    if (answer.status === 401) fail([{ field: 'login-password', message: t.account.badCredentials }]);
    else if (answer.status === 429)
      fail([{ field: '', message: t.account.throttled(minutesOf('retryAfter' in answer ? answer.retryAfter : undefined)) }]);
    else if (answer.status === 0) fail([{ field: '', message: t.account.network }]);
    else fail([{ field: '', message: answer.problem.detail ?? t.account.failed(answer.status) }]);
  };

  const user = session.state === 'user' ? session.user : null;
  return (
    <Page title={t.account.loginTitle}>
      <div class="auth-layout">
        <div class="auth-card card">
          {loggedOut && !user && (
            <p class="notice notice-ok" role="status">
              {loggedOut}
            </p>
          )}
          {askedFor && !user && <p class="notice">{t.account.loginFor}</p>}
          {user && (
            <div class="notice notice-ok">
              <p>{t.account.loggedInAs(user.display_name)}</p>
              <p>
                <a href={next}>{t.account.toAccount}</a>
              </p>
            </div>
          )}
          <p class="muted">{t.account.loginLead}</p>
          <ErrorSummary errors={errors} generation={generation} />
          <form class="form" onSubmit={submit} noValidate>
            <TextField
              id="login-username"
              label={t.account.username}
              value={username}
              onInput={setUsername}
              autocomplete="username"
              required
              spellcheck={false}
              error={errorOf(errors, 'login-username')}
            />
            <TextField
              id="login-password"
              label={t.account.password}
              type="password"
              value={password}
              onInput={setPassword}
              autocomplete="current-password"
              required
              error={errorOf(errors, 'login-password')}
            />
            <div class="form-actions">
              <button type="submit" class="button button-primary" aria-disabled={busy}>
                {t.account.submitLogin}
              </button>
              <a href="/konto/passwort-vergessen">{t.account.forgotLink}</a>
            </div>
            <LiveStatus text={busy ? t.account.loggingIn : ''} />
          </form>
        </div>
        <aside class="auth-aside" aria-labelledby="register-teaser">
          <h2 id="register-teaser">{t.account.noAccount}</h2>
          <p>{t.account.registerLead}</p>
          <p>
            <a class="button button-secondary" href="/registrieren">
              {t.account.registerLink}
            </a>
          </p>
          <p class="muted small">{t.account.staffNote}</p>
        </aside>
      </div>
    </Page>
  );
}
