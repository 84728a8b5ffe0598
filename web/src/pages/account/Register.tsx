// /registrieren: a citizen creates an account. The rules are checked here
// first (the same as the server's, src/accounts/model.cpp) so each problem
// shows at its field; the server's answer (409 taken, 429 throttled, 400)
// is explained too. Afterwards: "please confirm your e-mail address".
import { useRef, useState } from 'preact/hooks';
import { useI18n, type Dictionary } from '../../i18n';
import { send } from '../../account/api';
import { ErrorSummary, LiveStatus, TextField, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { useFormSubmit } from '../../components/useFormSubmit';

interface Input {
  username: string;
  display_name: string;
  email: string;
  password: string;
}

const chars = (s: string) => [...s].length;

export function passwordProblem(t: Dictionary, password: string): string | undefined {
  if (!password) return t.account.requiredPassword;
  if (chars(password) < 10) return t.account.passwordLength;
  if (chars(password) > 1000) return t.account.passwordTooLong;
  return undefined;
}

export function emailProblem(t: Dictionary, email: string): string | undefined {
  if (!email) return t.account.requiredEmail;
  if (!/^[^\s@<>,;"\\]+@[^\s@<>,;"\\.][^\s@<>,;"\\]*\.[^\s@<>,;"\\]*[^\s@<>,;"\\.]$/.test(email) || email.length > 254)
    return t.account.invalidEmail;
  return undefined;
}

function check(t: Dictionary, v: Input): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string | undefined) => message && errors.push({ field, message });
  add('reg-name', !v.display_name.trim() ? t.account.requiredName : chars(v.display_name.trim()) > 100 ? t.account.invalidName : undefined);
  add(
    'reg-username',
    !v.username ? t.account.requiredUsername : /^[A-Za-z0-9._-]{3,32}$/.test(v.username) ? undefined : t.account.invalidUsername,
  );
  add('reg-email', emailProblem(t, v.email.trim()));
  add('reg-password', passwordProblem(t, v.password));
  return errors;
}

export function Register() {
  const { t } = useI18n();
  const [v, setV] = useState<Input>({ username: '', display_name: '', email: '', password: '' });
  const { errors, generation, busy, fail, failWith, run, clear, errorOf } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const set = (k: keyof Input) => (value: string) => setV({ ...v, [k]: value });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const list = check(t, v);
    if (list.length) return fail(list);
    const body = { username: v.username, display_name: v.display_name.trim(), email: v.email.trim(), password: v.password };
    const answer = await run(() => send('POST', '/api/auth/register', body));
    if (answer.ok) {
      clear();
      setDone(body.email);
      requestAnimationFrame(() => doneRef.current?.focus());
      return;
    }
    if (answer.status === 409) fail([{ field: 'reg-username', message: t.account.taken }]);
    else failWith(answer, { throttled: t.account.registerThrottled });
  };

  if (done)
    return (
      <Page title={t.account.registerTitle}>
        <div class="auth-card card success-card" tabIndex={-1} ref={doneRef} aria-labelledby="registered-title">
          <h2 id="registered-title">{t.account.registeredTitle}</h2>
          <p>{t.account.registeredText(done)}</p>
          <p>{t.account.registeredNext}</p>
          <p>
            <a class="button button-primary" href="/anmelden">
              {t.account.login}
            </a>
          </p>
        </div>
      </Page>
    );

  return (
    <Page title={t.account.registerTitle} head={<p class="lead">{t.account.registerLead}</p>}>
      <div class="auth-layout">
        <div class="auth-card card">
          <ErrorSummary errors={errors} generation={generation} />
          <form class="form" onSubmit={submit} noValidate>
            <TextField
              id="reg-name"
              label={t.account.displayName}
              hint={t.account.displayNameHint}
              value={v.display_name}
              onInput={set('display_name')}
              autocomplete="name"
              required
              error={errorOf('reg-name')}
            />
            <TextField
              id="reg-username"
              label={t.account.username}
              hint={t.account.usernameHint}
              value={v.username}
              onInput={set('username')}
              autocomplete="username"
              spellcheck={false}
              required
              error={errorOf('reg-username')}
            />
            <TextField
              id="reg-email"
              label={t.account.email}
              hint={t.account.emailHint}
              type="email"
              value={v.email}
              onInput={set('email')}
              autocomplete="email"
              spellcheck={false}
              required
              error={errorOf('reg-email')}
            />
            <TextField
              id="reg-password"
              label={t.account.newPassword}
              hint={t.account.passwordHint}
              type="password"
              value={v.password}
              onInput={set('password')}
              autocomplete="new-password"
              required
              error={errorOf('reg-password')}
            />
            <p class="muted small">{t.account.privacyNote}</p>
            <div class="form-actions">
              <button type="submit" class="button button-primary" aria-disabled={busy}>
                {t.account.submitRegister}
              </button>
            </div>
            <LiveStatus text={busy ? t.account.registering : ''} />
          </form>
        </div>
        <aside class="auth-aside" aria-labelledby="have-account">
          <h2 id="have-account">{t.account.haveAccount}</h2>
          <p>
            <a class="button button-secondary" href="/anmelden">
              {t.account.login}
            </a>
          </p>
        </aside>
      </div>
    </Page>
  );
}
