// The number of unread Postfach messages for the header: asked once per
// login and again whenever a page says the inbox changed (inboxChanged()).
import { useEffect, useState } from 'preact/hooks';
import { useSession } from './session';

const EVENT = 'stadtkern:inbox-changed';

/** Tell the header to count again (after marking read or deleting). */
export function inboxChanged() {
  window.dispatchEvent(new Event(EVENT));
}

/** Unread messages of the logged-in citizen; 0 for everybody else or while unknown. */
export function useUnread(): number {
  const { user } = useSession();
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!user) {
      setCount(0);
      return;
    }
    let live = true;
    const load = () =>
      fetch('/api/me/inbox?limit=1', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then((r) => (r.ok ? r.json() : { unread: 0 }))
        .then((b: { unread?: number }) => live && setCount(b.unread ?? 0))
        .catch(() => undefined);
    void load();
    window.addEventListener(EVENT, load);
    return () => {
      live = false;
      window.removeEventListener(EVENT, load);
    };
  }, [user?.id]);
  return count;
}
