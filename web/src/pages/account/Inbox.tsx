// /konto/postfach "Postfach": messages of the city to the logged-in person
// (GET /api/me/inbox, newest first, in pages), unread ones marked; each can
// be marked read or deleted, and a reminder carries its action button
// ("Termin vereinbaren" → /termine/buchen?service=…).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n';
import { send } from '../../account/api';
import { RequireLogin } from '../../account/Gate';
import { inboxChanged } from '../../account/unread';
import { apiPath, getJson } from '../../catalog/api';
import { Loading } from '../../catalog/Status';
import { LiveStatus } from '../../components/Form';
import { Icon } from '../../components/Icons';
import { Page } from '../../components/Page';

interface Message {
  id: string;
  created_at: string;
  subject: string;
  body: string;
  action: { label: string; url: string } | null;
  read: boolean;
  read_at: string | null;
}

interface InboxPage {
  items: Message[];
  unread: number;
  next: string | null;
}

/** Only links into this site are followed from a message. */
function safeAction(url: string): string | null {
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : null;
}

function List() {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<Message[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const load = async (before?: string) => {
    try {
      const page = await getJson<InboxPage>(apiPath('/api/me/inbox', { limit: 20, before }));
      setItems((old) => (before && old ? [...old, ...page.items] : page.items));
      setUnread(page.unread);
      setNext(page.next);
    } catch {
      setError(t.account.network);
      setItems((old) => old ?? []);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  if (items === null) return <Loading />;

  const fail = (answer: { status: number; problem?: { detail?: string } }) =>
    setError(answer.status === 0 ? t.account.network : (answer.problem?.detail ?? t.account.failed(answer.status)));

  const markRead = async (m: Message) => {
    setError('');
    const answer = await send<void>('POST', `/api/me/inbox/${encodeURIComponent(m.id)}/read`);
    if (!answer.ok) return fail(answer);
    setItems(items.map((x) => (x.id === m.id ? { ...x, read: true } : x)));
    setUnread((u) => Math.max(0, u - 1));
    setStatus(t.docs.markedRead);
    inboxChanged();
  };
  const remove = async (m: Message) => {
    setError('');
    const answer = await send<void>('DELETE', `/api/me/inbox/${encodeURIComponent(m.id)}`);
    if (!answer.ok) return fail(answer);
    setItems(items.filter((x) => x.id !== m.id));
    if (!m.read) setUnread((u) => Math.max(0, u - 1));
    setStatus(t.docs.removed);
    inboxChanged();
    document.querySelector<HTMLElement>('#main h1')?.focus();
  };

  return (
    <>
      <p class="inbox-count">
        <strong>{t.docs.unread(unread)}</strong>
      </p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <LiveStatus text={status} tone="ok" />
      {items.length === 0 ? (
        <p class="notice">{t.docs.emptyInbox}</p>
      ) : (
        <ul class="item-list">
          {items.map((m) => {
            const action = m.action && safeAction(m.action.url);
            return (
              <li key={m.id} class={`card item-card${m.read ? '' : ' item-unread'}`}>
                <article aria-labelledby={`msg-${m.id}`}>
                  <h3 id={`msg-${m.id}`}>
                    {!m.read && <span class="badge">{t.docs.newTag}</span>}
                    <span lang="de">{m.subject}</span>
                  </h3>
                  <p class="muted small">
                    {t.docs.received}{' '}
                    {new Date(m.created_at).toLocaleString(locale === 'en' ? 'en-GB' : 'de-DE', {
                      dateStyle: 'long',
                      timeStyle: 'short',
                      timeZone: 'Europe/Berlin',
                    })}
                  </p>
                  <p class="message-body" lang="de">
                    {m.body}
                  </p>
                  <div class="form-actions">
                    {action && m.action && (
                      <a class="button button-primary" href={action} onClick={() => !m.read && void markRead(m)}>
                        <Icon name="termine" size={20} />
                        <span lang="de">{m.action.label}</span>
                      </a>
                    )}
                    {!m.read && (
                      <button type="button" class="button button-secondary" aria-label={t.docs.markReadOf(m.subject)} onClick={() => markRead(m)}>
                        {t.docs.markRead}
                      </button>
                    )}
                    <button type="button" class="button button-secondary button-danger-outline" aria-label={t.docs.removeOf(m.subject)} onClick={() => remove(m)}>
                      {t.docs.remove}
                    </button>
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      )}
      {next && (
        <button type="button" class="button button-secondary" onClick={() => load(next)}>
          {t.docs.more}
        </button>
      )}
    </>
  );
}

export function Inbox() {
  const { t } = useI18n();
  const trail = [{ href: '/konto', label: t.account.accountTitle }];
  return (
    <RequireLogin title={t.docs.inboxTitle} trail={trail}>
      {() => (
        <Page title={t.docs.inboxTitle} trail={trail} head={<p class="lead">{t.docs.inboxLead}</p>}>
          <List />
        </Page>
      )}
    </RequireLogin>
  );
}
