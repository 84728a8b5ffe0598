// "Meine Daten" in /konto: the DSGVO rights of a citizen — download every
// stored datum (GET /api/me/export, a JSON file) and delete the account
// (DELETE /api/me with the password, after a clear warning in a dialog),
// which logs out and leads to a goodbye page (/konto/geloescht).
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { minutesOf, send } from '../../account/api';
import { useSession, type Me } from '../../account/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LiveStatus, TextField } from '../../components/Form';
import { Icon } from '../../components/Icons';
import { Page } from '../../components/Page';

export function MyData({ user }: { user: Me }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const { route } = useLocation();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const citizen = user.role === 'citizen';

  const remove = async () => {
    if (!password) {
      setError(t.account.requiredPassword);
      document.getElementById('delete-password')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    setStatus(t.docs.deleting);
    const answer = await send<void>('DELETE', '/api/me', { password });
    setBusy(false);
    setStatus('');
    if (answer.ok) {
      route('/konto/geloescht');
      void refresh();
      return;
    }
    setError(
      'network' in answer
        ? t.account.network
        : answer.status === 429
          ? t.account.throttled(minutesOf(answer.retryAfter))
          : answer.problem.type === '/problems/wrong-password'
            ? t.docs.wrongPassword
            : (answer.problem.detail ?? t.account.failed(answer.status)),
    );
    document.getElementById('delete-password')?.focus();
  };

  return (
    <section aria-labelledby="data-title" class="my-data">
      <h2 id="data-title">{t.docs.dataTitle}</h2>
      <p>{t.docs.dataLead}</p>
      <div class="account-grid">
        <div class="card account-card">
          <h3>{t.docs.exportTitle}</h3>
          <p>{t.docs.exportText}</p>
          <a class="button button-primary" href="/api/me/export" download="meine-daten.json">
            <Icon name="download" size={20} />
            <span>{t.docs.exportButton}</span>
          </a>
        </div>
        <div class="card account-card">
          <h3>{t.docs.deleteTitle}</h3>
          {citizen ? (
            <>
              <p>{t.docs.deleteText}</p>
              <button
                type="button"
                class="button button-secondary button-danger-outline"
                onClick={() => {
                  setPassword('');
                  setError('');
                  setAsking(true);
                }}
              >
                {t.docs.deleteButton}
              </button>
            </>
          ) : (
            <p>{t.docs.staffNoDelete}</p>
          )}
        </div>
      </div>
      <ConfirmDialog
        id="delete-dialog"
        open={asking}
        title={t.docs.deleteQuestion}
        confirmLabel={t.docs.deleteYes}
        cancelLabel={t.docs.deleteNo}
        onConfirm={remove}
        onClose={() => setAsking(false)}
        danger
        busy={busy}
      >
        <p class="notice notice-error">
          <strong>{t.docs.deleteWarning}</strong> {t.docs.deleteText}
        </p>
        <TextField
          id="delete-password"
          label={t.docs.deletePassword}
          type="password"
          value={password}
          onInput={setPassword}
          autocomplete="current-password"
          required
          error={error || undefined}
        />
        <LiveStatus text={status} />
      </ConfirmDialog>
    </section>
  );
}

export function Goodbye() {
  const { t } = useI18n();
  return (
    <Page title={t.docs.goodbyeTitle}>
      <div class="card account-card">
        <p class="lead">{t.docs.goodbyeText}</p>
        <p>{t.docs.goodbyeAgain}</p>
        <div class="form-actions">
          <a class="button button-primary" href="/">
            {t.backHome}
          </a>
          <a class="button button-secondary" href="/registrieren">
            {t.account.registerLink}
          </a>
        </div>
      </div>
    </Page>
  );
}
