// /konto/dokumente "Meine Dokumente": the citizen's documents from the
// register (GET /api/me/documents) with masked numbers, a status badge, how
// long they stay valid, a link to book the renewal, and reporting a loss or
// theft (POST /api/me/documents/{id}/report) after a question.
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n';
import { send } from '../../account/api';
import { RequireLogin } from '../../account/Gate';
import { useApi } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { RowActionFeedback, useRowAction } from '../../components/RowAction';
import { longDay } from '../../appointments/api';

export interface RegisteredDocument {
  id: string;
  kind: string;
  kind_label: string;
  number: string;
  issue_date: string;
  expiry_date: string | null;
  days_until_expiry: number | null;
  authority: string;
  status: 'gueltig' | 'abgelaufen' | 'verloren' | 'gestohlen';
}

/** The catalogue service that renews a document (as src/documents/reminders.cpp). */
export function renewalService(kind: string): string {
  switch (kind) {
    case 'reisepass':
    case 'vorlaeufiger_reisepass':
      return 'reisepass-beantragen';
    case 'kinderreisepass':
      return 'reisepass-fuer-kinder';
    case 'fuehrerschein':
      return 'fuehrerschein-umtausch';
    default:
      return 'personalausweis-beantragen';
  }
}

function DocumentCard({ d, onReport }: { d: RegisteredDocument; onReport: () => void }) {
  const { t, locale } = useI18n();
  const soon = d.status === 'gueltig' && d.days_until_expiry !== null && d.days_until_expiry <= 183;
  const needsNew = d.status !== 'gueltig' || soon;
  return (
    <li class="card item-card">
      <h3>
        <span lang="de">{d.kind_label}</span>
        <span class={`tag status-${d.status}`}>{t.docs.status[d.status] ?? d.status}</span>
      </h3>
      <dl class="profile-facts">
        <div>
          <dt>{t.docs.number}</dt>
          <dd>
            <span class="mono">{d.number}</span> <span class="visually-hidden">{t.docs.numberMasked}</span>
          </dd>
        </div>
        <div>
          <dt>{t.docs.issued}</dt>
          <dd>{longDay(d.issue_date, locale)}</dd>
        </div>
        <div>
          <dt>{t.docs.expires}</dt>
          <dd>{d.expiry_date ? longDay(d.expiry_date, locale) : t.docs.noExpiry}</dd>
        </div>
        <div>
          <dt>{t.docs.authority}</dt>
          <dd lang="de">{d.authority}</dd>
        </div>
      </dl>
      {(soon || d.status === 'abgelaufen') && d.days_until_expiry !== null && (
        <p class="notice hold-timer">{t.docs.expiresIn(d.days_until_expiry)}</p>
      )}
      <div class="form-actions">
        {needsNew && (
          <a
            class="button button-primary"
            href={`/termine/buchen?service=${encodeURIComponent(renewalService(d.kind))}`}
            aria-label={t.docs.renewOf(d.kind_label)}
          >
            {t.docs.renew}
          </a>
        )}
        {d.status === 'gueltig' && (
          <button type="button" class="button button-secondary button-danger-outline" aria-label={t.docs.reportOf(d.kind_label)} onClick={onReport}>
            {t.docs.report}
          </button>
        )}
      </div>
    </li>
  );
}

function List() {
  const { t } = useI18n();
  const [loaded, reload] = useApi<{ today: string; items: RegisteredDocument[] }>('/api/me/documents');
  const { asking, ask, close, busy, status, error, act } = useRowAction<RegisteredDocument>();
  const [what, setWhat] = useState<'verloren' | 'gestohlen'>('verloren');
  if (loaded.state === 'error') return <LoadFailure failure={loaded.failure} retry={reload} />;
  if (loaded.state !== 'ok') return <Loading />;

  const report = async () => {
    const ok = await act(
      t.docs.reporting,
      (d) => send<RegisteredDocument>('POST', `/api/me/documents/${encodeURIComponent(d.id)}/report`, { status: what }),
      (d) => t.docs.reported(d.kind_label),
    );
    if (ok) reload();
  };

  return (
    <>
      <RowActionFeedback status={status} error={error} />
      {loaded.data.items.length === 0 ? (
        <p class="notice">{t.docs.none}</p>
      ) : (
        <ul class="item-list">
          {loaded.data.items.map((d) => (
            <DocumentCard
              key={d.id}
              d={d}
              onReport={() => {
                setWhat('verloren');
                ask(d);
              }}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        id="report-dialog"
        open={asking !== null}
        title={asking ? t.docs.reportTitle(asking.kind_label) : ''}
        confirmLabel={t.docs.reportYes}
        cancelLabel={t.docs.reportNo}
        onConfirm={report}
        onClose={close}
        danger
        busy={busy}
      >
        <fieldset class="choice-list">
          <legend>{t.docs.reportWhat}</legend>
          {(['verloren', 'gestohlen'] as const).map((v) => (
            <label key={v} class="choice">
              <input type="radio" name="report-what" value={v} checked={what === v} onChange={() => setWhat(v)} />
              <span>{v === 'verloren' ? t.docs.lost : t.docs.stolen}</span>
            </label>
          ))}
        </fieldset>
        <p>{t.docs.reportWarning}</p>
      </ConfirmDialog>
    </>
  );
}

export function Documents() {
  const { t } = useI18n();
  const trail = [{ href: '/konto', label: t.account.accountTitle }];
  return (
    <RequireLogin title={t.docs.title} trail={trail}>
      {() => (
        <Page title={t.docs.title} trail={trail} head={<p class="lead">{t.docs.lead}</p>}>
          <List />
        </Page>
      )}
    </RequireLogin>
  );
}
