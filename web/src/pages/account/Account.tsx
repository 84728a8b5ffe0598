// /konto "Mein Konto": the person's details, logging out (here or on every
// device), links to appointments, documents and the Postfach (with its
// unread count), and "Meine Daten" (export, deleting the account).
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { RequireLogin } from '../../account/Gate';
import { isStaff, staffLinks, useSession, type Me } from '../../account/session';
import { LiveStatus } from '../../components/Form';
import { Icon, type IconName } from '../../components/Icons';
import { Page } from '../../components/Page';
import { useUnread } from '../../account/unread';
import { MyData } from './MyData';

function Profile({ user }: { user: Me }) {
  const { t } = useI18n();
  return (
    <section class="card account-card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t.account.profile}</h2>
      <dl class="profile-facts">
        <div>
          <dt>{t.account.profileName}</dt>
          <dd>{user.display_name}</dd>
        </div>
        <div>
          <dt>{t.account.username}</dt>
          <dd>{user.username}</dd>
        </div>
        <div>
          <dt>{t.account.email}</dt>
          <dd>
            {user.email}
            <span class={user.email_verified ? 'tag tag-online' : 'tag tag-warn'}>
              {user.email_verified ? t.account.emailVerified : t.account.emailUnverified}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t.account.role}</dt>
          <dd>{t.account.roles[user.role] ?? user.role}</dd>
        </div>
        {user.department && (
          <div>
            <dt>{t.account.department}</dt>
            <dd lang="de">{user.department}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function Logout() {
  const { t } = useI18n();
  const { logout } = useSession();
  const { route } = useLocation();
  const [status, setStatus] = useState('');
  const [failed, setFailed] = useState(false);
  const run = async (everywhere: boolean) => {
    setFailed(false);
    setStatus(t.account.loggingOut);
    if (await logout(everywhere)) {
      route(everywhere ? '/anmelden?abgemeldet=alle' : '/anmelden?abgemeldet');
    } else {
      setStatus('');
      setFailed(true);
    }
  };
  return (
    <section class="card account-card" aria-labelledby="logout-title">
      <h2 id="logout-title">{t.account.security}</h2>
      <p>{t.account.securityLead}</p>
      {failed && (
        <p class="notice notice-error" role="alert">
          {t.account.network}
        </p>
      )}
      <div class="form-actions">
        <button type="button" class="button button-primary" onClick={() => run(false)}>
          {t.account.logout}
        </button>
        <button type="button" class="button button-secondary" aria-describedby="logout-all-hint" onClick={() => run(true)}>
          {t.account.logoutAll}
        </button>
      </div>
      <p class="muted small" id="logout-all-hint">
        {t.account.logoutAllHint}
      </p>
      <LiveStatus text={status} />
    </section>
  );
}

function Section({ icon, title, text, href, extra }: { icon: IconName; title: string; text: string; href: string; extra?: string }) {
  return (
    <li>
      <a class="tile" href={href}>
        <span class="tile-icon">
          <Icon name={icon} size={28} />
        </span>
        <span class="tile-text">
          <span class="tile-title">
            {title}
            {extra && <span class="unread-count">{extra}</span>}
          </span>
          <span class="tile-teaser">{text}</span>
        </span>
        <Icon name="arrow" size={20} class="tile-arrow" />
      </a>
    </li>
  );
}

function Sections() {
  const { t } = useI18n();
  const unread = useUnread();
  return (
    <section aria-labelledby="sections-title">
      <h2 id="sections-title">{t.account.sectionsTitle}</h2>
      <ul class="tiles account-sections">
        <Section icon="termine" title={t.account.appointments} text={t.docs.sectionLinks.appointments} href="/konto/termine" />
        <Section icon="leistungen" title={t.account.documents} text={t.docs.sectionLinks.documents} href="/konto/dokumente" />
        <Section
          icon="mail"
          title={t.account.inbox}
          text={unread ? t.docs.unread(unread) : t.docs.sectionLinks.inbox}
          href="/konto/postfach"
          extra={unread ? String(unread) : undefined}
        />
      </ul>
    </section>
  );
}

export function Account() {
  const { t } = useI18n();
  return (
    <RequireLogin title={t.account.accountTitle}>
      {(user) => (
        <Page
          title={t.account.accountTitle}
          kicker={
            <span class="area-kicker">
              <Icon name="konto" size={22} />
            </span>
          }
          head={<p class="lead">{t.account.greeting(user.display_name)}</p>}
          wide
        >
          <div class="account-grid">
            <Profile user={user} />
            <Logout />
          </div>
          {isStaff(user) && (
            <section class="staff-teaser notice" aria-labelledby="staff-tools-title">
              <h2 id="staff-tools-title">{t.account.staffTools}</h2>
              <p>{t.account.staffToolsText}</p>
              <ul class="link-list staff-links">
                <li>
                  {user.department ? (
                    <a href={`/leistungen?${new URLSearchParams({ department: user.department })}`}>
                      {t.account.departmentServices(user.department)}
                    </a>
                  ) : (
                    <a href="/leistungen">{t.account.allServices}</a>
                  )}
                </li>
                <li>
                  <a href="/aemter">{t.account.allOffices}</a>
                </li>
                {staffLinks(user, t).map((l) => (
                  <li key={l.href}>
                    <a href={l.href}>{l.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <Sections />
          <MyData user={user} />
        </Page>
      )}
    </RequireLogin>
  );
}
