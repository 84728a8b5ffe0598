// The change history of a record under its edit form: who changed what when.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { Loading } from '../catalog/Status';
import { loadHistory, type HistoryEntry, type Kind } from './edit';

function formatWhen(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(d);
}

/** `generation` changes after each save, so the new entry appears. */
export function History({ kind, id, generation }: { kind: Kind; id: string; generation: number }) {
  const { t, locale } = useI18n();
  const [entries, setEntries] = useState<HistoryEntry[] | number | null>(null);
  useEffect(() => {
    let live = true;
    void loadHistory(kind, id).then((h) => live && setEntries(h));
    return () => {
      live = false;
    };
  }, [kind, id, generation]);

  return (
    <section class="history" aria-labelledby="history-title">
      <h2 id="history-title">{t.staff.historyTitle}</h2>
      {entries === null ? (
        <Loading />
      ) : typeof entries === 'number' ? (
        <p class="muted">{t.staff.historyUnavailable}</p>
      ) : entries.length === 0 ? (
        <p class="muted">{t.staff.historyEmpty}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="history-caption">
          <table class="data-table history-table">
            <caption id="history-caption">{t.staff.historyCaption}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t.staff.colVersion}
                </th>
                <th scope="col">{t.staff.colWhen}</th>
                <th scope="col">{t.staff.colWho}</th>
                <th scope="col">{t.staff.colWhat}</th>
                <th scope="col">{t.staff.colFields}</th>
              </tr>
            </thead>
            <tbody>
              {[...entries]
                .sort((a, b) => b.version - a.version)
                .map((e) => (
                  <tr key={e.version}>
                    <th scope="row" class="num">
                      {e.version}
                    </th>
                    <td>
                      <time dateTime={e.changed_at}>{formatWhen(e.changed_at, locale)}</time>
                    </td>
                    <td>{e.changed_by_name ?? e.changed_by ?? '–'}</td>
                    <td>{t.staff.actions[e.action] ?? e.action}</td>
                    <td>
                      {e.fields.length ? (
                        <ul class="field-chips">
                          {e.fields.map((f) => (
                            <li key={f}>
                              <code>{f}</code>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        t.staff.allFields
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
