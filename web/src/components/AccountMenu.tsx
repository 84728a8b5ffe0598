// The account entry in the header: "Anmelden" for visitors; for a logged-in
// person a button with their name that opens a small menu (Mein Konto,
// Abmelden). A disclosure, not an ARIA menu: Tab moves through its links,
// Escape or a click outside closes it.
import { useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n';
import { loginHref, staffLinks, useSession } from '../account/session';
import { useUnread } from '../account/unread';
import { Icon } from './Icons';
import { useDisclosure } from './useDisclosure';

export function AccountMenu() {
  const { t } = useI18n();
  const { session, user, logout } = useSession();
  const { path, url, route } = useLocation();
  const unread = useUnread();
  const box = useRef<HTMLDivElement>(null);
  const { open, setOpen, button } = useDisclosure<HTMLButtonElement>(box);

  if (session.state === 'loading') return <span class="account-slot" aria-hidden="true" />;

  if (!user) {
    const onLoginPage = path === '/anmelden';
    return (
      <a
        class="account-link"
        href={onLoginPage ? url : loginHref(url)}
        aria-current={onLoginPage ? 'page' : undefined}
      >
        <Icon name="konto" size={18} />
        <span>{t.account.login}</span>
      </a>
    );
  }

  return (
    <div class="account-menu" ref={box}>
      <button
        type="button"
        class="account-link account-button"
        aria-expanded={open}
        aria-controls="account-menu-list"
        ref={button}
        onClick={() => setOpen(!open)}
      >
        <Icon name="konto" size={18} />
        <span class="account-name">
          <span class="visually-hidden">{t.account.accountMenu}: </span>
          {user.display_name}
        </span>
        {unread > 0 && (
          <span class="unread-count">
            {unread}
            <span class="visually-hidden"> {t.docs.unread(unread)}</span>
          </span>
        )}
        <svg class="caret" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
          <path d="M1 3l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6" />
        </svg>
      </button>
      <nav id="account-menu-list" class="account-dropdown" hidden={!open} aria-label={t.account.accountMenu}>
        <p class="account-who">
          <strong>{user.display_name}</strong>
          <span>
            {t.account.roles[user.role] ?? user.role}
            {user.department ? ` · ${user.department}` : ''}
          </span>
        </p>
        <ul>
          <li>
            <a href="/konto">{t.account.accountTitle}</a>
          </li>
          <li>
            <a href="/konto/termine">{t.account.appointments}</a>
          </li>
          <li>
            <a href="/konto/dokumente">{t.account.documents}</a>
          </li>
          <li>
            <a href="/konto/postfach">
              {t.account.inbox}
              {unread > 0 && (
                <span class="unread-count">
                  {unread}
                  <span class="visually-hidden"> {t.docs.unreadShort(unread)}</span>
                </span>
              )}
            </a>
          </li>
          {staffLinks(user, t).map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
          <li>
            <button
              type="button"
              onClick={async () => {
                if (await logout()) route('/anmelden?abgemeldet');
              }}
            >
              {t.account.logout}
            </button>
          </li>
        </ul>
      </nav>
    </div>
  );
}
