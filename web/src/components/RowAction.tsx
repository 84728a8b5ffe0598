// A list whose rows offer an action that needs a question first (cancel an
// appointment, report a document lost): which row is being asked about, the
// busy flag for the ConfirmDialog, the progress and result in a live region,
// and the reason in an alert when the server refuses.
import { useState } from 'preact/hooks';
import type { Answer } from '../account/api';
import { useI18n } from '../i18n';
import { LiveStatus } from './Form';

export function useRowAction<T>() {
  const { t } = useI18n();
  const [asking, setAsking] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  /**
   * Sends the request for the row asked about, announcing `working` meanwhile;
   * closes the question. On success announces `done(row)` and returns true.
   */
  const act = async <R,>(working: string, request: (row: T) => Promise<Answer<R>>, done: (row: T) => string) => {
    if (!asking) return false;
    const row = asking;
    setBusy(true);
    setError('');
    setStatus(working);
    const answer = await request(row);
    setBusy(false);
    setAsking(null);
    if (answer.ok) {
      setStatus(done(row));
      return true;
    }
    setStatus('');
    setError('network' in answer ? t.account.network : (answer.problem.detail ?? t.account.failed(answer.status)));
    return false;
  };

  return { asking, ask: setAsking, close: () => setAsking(null), busy, status, error, act };
}

/** The refusal (an alert) and the progress or result (a polite live region) of a row action. */
export function RowActionFeedback({ status, error }: { status: string; error: string }) {
  return (
    <>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <LiveStatus text={status} tone="ok" />
    </>
  );
}
