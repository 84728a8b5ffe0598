// /verwaltung/protokoll (admins): the audit log of every access by staff or
// an administrator to personal data (GET /api/admin/audit), newest first,
// filtered by who, whose data and action, paged with the `before` cursor.
// The filters live in the address, so a filtered view can be shared.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { RequireLogin } from '../../account/Gate';
import { apiPath, useApi } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { TextField } from '../../components/Form';
import { Page } from '../../components/Page';

interface Entry {
  id: number;
  at: string;
  actor: { id: string; name: string; role: string };
  subject_id: string;
  action: string;
  object: string;
}

function Log() {
  const { t, locale } = useI18n();
  const { query, path, route } = useLocation();
  const [actor, setActor] = useState(query.actor ?? '');
  const [subject, setSubject] = useState(query.subject ?? '');
  const [action, setAction] = useState(query.action ?? '');
  const [loaded, retry] = useApi<{ entries: Entry[]; next_before: number | null }>(
    apiPath('/api/admin/audit', { actor: query.actor, subject: query.subject, action: query.action, before: query.before, limit: 50 }),
  );
  const apply = (e: Event) => {
    e.preventDefault();
    route(apiPath(path, { actor: actor.trim(), subject: subject.trim(), action: action.trim() }));
  };
  return (
    <>
      <form class="calendar-controls" onSubmit={apply} role="search" aria-label={t.cal.filter}>
        <TextField id="audit-actor" label={t.cal.filterActor} value={actor} onInput={setActor} spellcheck={false} />
        <TextField id="audit-subject" label={t.cal.filterSubject} value={subject} onInput={setSubject} spellcheck={false} />
        <TextField id="audit-action" label={t.cal.filterAction} value={action} onInput={setAction} hint="z. B. documents.read" spellcheck={false} />
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t.cal.filter}
          </button>
          <a class="button button-secondary" href={path}>
            {t.cal.reset}
          </a>
        </div>
      </form>
      {loaded.state === 'error' ? (
        <LoadFailure failure={loaded.failure} retry={retry} />
      ) : loaded.state !== 'ok' ? (
        <Loading />
      ) : loaded.data.entries.length === 0 ? (
        <p class="notice">{t.cal.noEntries}</p>
      ) : (
        <>
          <p class="muted">{t.cal.entries(loaded.data.entries.length)}</p>
          <div class="data-table-wrap">
            <table class="data-table">
              <caption class="visually-hidden">{t.cal.auditTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.cal.at}</th>
                  <th scope="col">{t.cal.actor}</th>
                  <th scope="col">{t.cal.action}</th>
                  <th scope="col">{t.cal.subject}</th>
                  <th scope="col">{t.cal.object}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.data.entries.map((e) => (
                  <tr key={e.id}>
                    <td>
                      {new Date(e.at).toLocaleString(locale === 'en' ? 'en-GB' : 'de-DE', {
                        dateStyle: 'medium',
                        timeStyle: 'medium',
                        timeZone: 'Europe/Berlin',
                      })}
                    </td>
                    <th scope="row">
                      <a href={apiPath(path, { actor: e.actor.id })}>{e.actor.name}</a>
                      <br />
                      <span class="muted small">{t.cal.roles[e.actor.role] ?? e.actor.role}</span>
                    </th>
                    <td class="mono">{e.action}</td>
                    <td class="mono">{e.subject_id ? <a href={apiPath(path, { subject: e.subject_id })}>{e.subject_id}</a> : '–'}</td>
                    <td class="mono">{e.object || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="form-actions">
            {query.before && (
              <a class="button button-secondary" href={apiPath(path, { actor: query.actor, subject: query.subject, action: query.action })}>
                {t.cal.newest}
              </a>
            )}
            {loaded.data.next_before !== null && (
              <a
                class="button button-secondary"
                href={apiPath(path, { actor: query.actor, subject: query.subject, action: query.action, before: loaded.data.next_before })}
              >
                {t.cal.older} →
              </a>
            )}
          </div>
        </>
      )}
    </>
  );
}

export function AuditLog() {
  const { t } = useI18n();
  const trail = [{ href: '/verwaltung', label: t.cal.trail }];
  return (
    <RequireLogin roles={['admin']} title={t.cal.auditTitle} trail={trail}>
      {() => (
        <Page title={t.cal.auditTitle} trail={trail} head={<p class="lead">{t.cal.auditLead}</p>} wide>
          <Log />
        </Page>
      )}
    </RequireLogin>
  );
}
