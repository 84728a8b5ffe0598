// /verwaltung/daten (staff, admins): every dataset of the catalogue,
// published or not, with organisation, status, generated files and the last
// change; filtered by text and status (both kept in the URL). Datasets the
// person may change link to their edit page, the others to the public page.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { RequireLogin } from '../../account/Gate';
import { LoadFailure, Loading } from '../../catalog/Status';
import { Page } from '../../components/Page';
import { formatDate } from '../../opendata/format';
import { listDatasets, type DatasetSummary } from '../../opendata/staff';

type Status = '' | 'published' | 'unpublished';

function fold(s: string): string {
  return s.toLocaleLowerCase('de').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

function matches(d: DatasetSummary, q: string, status: Status): boolean {
  if (status === 'published' && d.private) return false;
  if (status === 'unpublished' && !d.private) return false;
  const words = fold(q).split(/\s+/).filter(Boolean);
  const hay = fold(`${d.title} ${d.name} ${d.organization_title}`);
  return words.every((w) => hay.includes(w));
}

function Table({ items }: { items: DatasetSummary[] }) {
  const { t, locale } = useI18n();
  const e = t.od.ed;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="od-staff-caption">
      <table class="data-table od-staff-table">
        <caption id="od-staff-caption" class="visually-hidden">
          {e.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{e.colTitle}</th>
            <th scope="col">{e.colOrg}</th>
            <th scope="col">{e.colStatus}</th>
            <th scope="col" class="num">
              {e.colFiles}
            </th>
            <th scope="col">{e.colModified}</th>
            <th scope="col">{e.colAction}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.name}>
              <th scope="row">
                <a href={`/daten/${encodeURIComponent(d.name)}`} lang="de">
                  {d.title}
                </a>
                <span class="check-note">{d.name}</span>
              </th>
              <td lang="de" data-label={e.colOrg}>
                {d.organization_title}
              </td>
              <td data-label={e.colStatus}>
                <span class="od-badges">
                  <span class={`tag ${d.private ? 'tag-warn' : 'tag-ok'}`}>{d.private ? e.unpublished : e.published}</span>
                  {d.live_source && (
                    <span class="tag" title={e.generatedHint}>
                      {e.generated}
                    </span>
                  )}
                </span>
              </td>
              <td class="num" data-label={e.colFiles}>
                {d.files}
              </td>
              <td data-label={e.colModified}>
                <time dateTime={d.modified}>{formatDate(d.modified, locale)}</time>
              </td>
              <td class="od-staff-action">
                {d.editable ? (
                  <a class="button button-secondary button-small" href={`/verwaltung/daten/${encodeURIComponent(d.name)}/bearbeiten`}>
                    {e.edit}
                    <span class="visually-hidden">: {d.title}</span>
                  </a>
                ) : (
                  <span class="muted">{e.readOnly}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function List() {
  const { t } = useI18n();
  const e = t.od.ed;
  const { query, path } = useLocation();
  const [items, setItems] = useState<DatasetSummary[] | number | null>(null);
  const [generation, setGeneration] = useState(0);
  const [q, setQ] = useState(query.q ?? '');
  const [status, setStatus] = useState<Status>(query.status === 'published' || query.status === 'unpublished' ? query.status : '');
  useEffect(() => {
    const ctrl = new AbortController();
    setItems(null);
    void listDatasets(ctrl.signal).then((l) => !ctrl.signal.aborted && setItems(l));
    return () => ctrl.abort();
  }, [generation]);

  const setFilter = (next: { q?: string; status?: Status }) => {
    const params = new URLSearchParams();
    const nq = next.q ?? q;
    const ns = next.status ?? status;
    if (nq) params.set('q', nq);
    if (ns) params.set('status', ns);
    const s = params.toString();
    setQ(nq);
    setStatus(ns);
    // The address keeps the filter (for reload and sharing) without a route change, which would move the focus.
    window.history.replaceState(window.history.state, '', s ? `${path}?${s}` : path);
  };

  const trail = [{ href: '/verwaltung', label: t.areas.verwaltung.name }];
  const shown = Array.isArray(items)
    ? items.filter((d) => matches(d, q, status)).sort((a, b) => b.modified.localeCompare(a.modified) || a.title.localeCompare(b.title, 'de'))
    : [];
  return (
    <Page
      title={e.listTitle}
      trail={trail}
      wide
      head={
        <>
          <p class="lead">{e.listLead}</p>
          <p class="od-staff-new">
            <a class="button button-primary" href="/verwaltung/daten/neu">
              {e.newDataset}
            </a>
          </p>
        </>
      }
    >
      <form class="od-staff-filter" role="search" onSubmit={(ev) => ev.preventDefault()}>
        <div class="form-field">
          <label for="od-staff-q">{e.filterText}</label>
          <input id="od-staff-q" type="search" value={q} onInput={(ev) => setFilter({ q: (ev.currentTarget as HTMLInputElement).value })} />
        </div>
        <div class="form-field">
          <label for="od-staff-status">{e.filterStatus}</label>
          <select id="od-staff-status" value={status} onChange={(ev) => setFilter({ status: (ev.currentTarget as HTMLSelectElement).value as Status })}>
            <option value="">{e.statusAll}</option>
            <option value="published">{e.published}</option>
            <option value="unpublished">{e.unpublished}</option>
          </select>
        </div>
      </form>
      {items === null ? (
        <Loading />
      ) : typeof items === 'number' ? (
        <LoadFailure failure={items === 0 ? { kind: 'network' } : { kind: 'http', status: items }} retry={() => setGeneration((g) => g + 1)} />
      ) : (
        <>
          <p class="od-count" role="status">
            {e.count(shown.length, items.length)}
          </p>
          {shown.length ? <Table items={shown} /> : <p class="muted">{e.none}</p>}
        </>
      )}
    </Page>
  );
}

export function DatasetList() {
  const { t } = useI18n();
  return (
    <RequireLogin roles={['staff', 'admin']} title={t.od.ed.listTitle} trail={[{ href: '/verwaltung', label: t.areas.verwaltung.name }]}>
      {() => <List />}
    </RequireLogin>
  );
}
