// /anmelden: log in with username and password, then back to ?next= (a path
// on this site only). Wrong credentials (401) and throttling (429 with
// Retry-After) are explained in plain language.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { safeNext, send, type Me } from '../../account/api';
import { useSession } from '../../account/session';
import { ErrorSummary, LiveStatus, TextField, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { useFormSubmit } from '../../components/useFormSubmit';

export function Login() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const { session, refresh } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { errors, generation, busy, fail, failWith, run, clear, errorOf } = useFormSubmit();
  const next = safeNext(query.next);
  const askedFor = query.next !== undefined;
  const loggedOut =
    query.abgemeldet === undefined ? '' : query.abgemeldet === 'alle' ? t.account.loggedOutAll : t.account.loggedOut;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const list: FieldError[] = [];
    if (!username.trim()) list.push({ field: 'login-username', message: t.account.requiredUsername });
    if (!password) list.push({ field: 'login-password', message: t.account.requiredPassword });
    if (list.length) return fail(list);
    const answer = await run(() => send<{ user: Me }>('POST', '/api/auth/login', { username: username.trim(), password }));
    if (answer.ok) {
      clear();
      await refresh();
      route(next);
      return;
    }
    setPassword('');
    if (answer.status === 401) fail([{ field: 'login-password', message: t.account.badCredentials }]);
    else failWith(answer, { throttled: t.account.throttled });
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
              error={errorOf('login-username')}
            />
            <TextField
              id="login-password"
              label={t.account.password}
              type="password"
              value={password}
              onInput={setPassword}
              autocomplete="current-password"
              required
              error={errorOf('login-password')}
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
