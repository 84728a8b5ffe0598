// Pages behind a login. Anonymous visitors are sent to /anmelden?next=<here>
// (and come back after logging in); people without the needed role get a
// clear "Kein Zugriff" page instead of the content.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n';
import { Loading } from '../catalog/Status';
import { Icon } from '../components/Icons';
import { Page, type Crumb } from '../components/Page';
import { loginHref, useSession, type Me, type Role } from './session';

/** The page a person sees when their account lacks the right. */
export function Forbidden({ trail, reason }: { trail?: Crumb[]; reason?: string }) {
  const { t } = useI18n();
  const { url } = useLocation();
  const { logout } = useSession();
  const { route } = useLocation();
  return (
    <Page title={t.account.forbiddenTitle} trail={trail}>
      <div class="gate-card card">
        <span class="gate-icon" aria-hidden="true">
          <Icon name="lock" size={28} />
        </span>
        <div>
          <p class="gate-text">{reason ?? t.account.forbiddenText}</p>
          <p>{t.account.forbiddenHelp}</p>
          <div class="form-actions">
            <a class="button button-primary" href="/">
              {t.backHome}
            </a>
            <button
              type="button"
              class="button button-secondary"
              onClick={async () => {
                if (await logout()) route(loginHref(url));
              }}
            >
              {t.account.forbiddenOther}
            </button>
          </div>
        </div>
      </div>
    </Page>
  );
}

/** While the session is being checked, or the login page is on its way. */
function Checking({ title, trail }: { title: string; trail?: Crumb[] }) {
  const { t } = useI18n();
  return (
    <Page title={title} trail={trail}>
      <Loading text={t.account.checkingLogin} />
    </Page>
  );
}

/**
 * Renders children(user) for a logged-in person whose role is in `roles`
 * (any role when omitted). `title` and `trail` frame the page while the
 * session is checked and on the "Kein Zugriff" page.
 */
export function RequireLogin({
  roles,
  title,
  trail,
  children,
}: {
  roles?: Role[];
  title: string;
  trail?: Crumb[];
  children: (user: Me) => ComponentChildren;
}) {
  const { session } = useSession();
  const { url, route } = useLocation();
  const anonymous = session.state === 'anonymous' || session.state === 'unknown';
  useEffect(() => {
    if (anonymous) route(loginHref(url), true);
  }, [anonymous, url]);

  if (session.state !== 'user') return <Checking title={title} trail={trail} />;
  if (roles && !roles.includes(session.user.role)) return <Forbidden trail={trail} />;
  return <>{children(session.user)}</>;
}
