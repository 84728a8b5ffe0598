// /daten/nutzung: for data users and harvesters: the licences in use (from
// license_list and the facet counts of package_search) with their
// attribution rule, how GovData and other portals harvest the catalogue,
// notes on formats and request rates, and whom to ask.
import { useI18n } from '../../i18n';
import { dataOf, useLoad } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { Page } from '../../components/Page';
import { ckan, type CkanLicense, type SearchResult } from '../../opendata/api';
import { CopyField } from '../../opendata/CopyField';

/** Licences without an attribution duty (dcat-ap.de/def/licenses). */
const NO_ATTRIBUTION = new Set(['dl-zero-de/2.0', 'cc-zero', 'cc0/1.0']);

interface Licences {
  licences: CkanLicense[];
  used: Map<string, number>;
}

export function Usage() {
  const { t } = useI18n();
  const [res, retry] = useLoad<Licences>('licences', async (signal) => {
    const [licences, search] = await Promise.all([
      ckan<CkanLicense[]>('license_list', {}, signal),
      ckan<SearchResult>('package_search', { rows: '0', 'facet.field': '["license_id"]', 'facet.limit': '-1' }, signal),
    ]);
    const used = new Map((search.search_facets.license_id?.items ?? []).map((i) => [i.name, i.count] as const));
    return { licences, used };
  });
  const data = dataOf(res);
  const inUse = data ? data.licences.filter((l) => data.used.has(l.id)) : [];
  const origin = window.location.origin;
  return (
    <Page title={t.od.usageTitle} trail={[{ href: '/daten', label: t.od.datasets }]} head={<p class="lead">{t.od.usageLead}</p>}>
      <section aria-labelledby="od-lic">
        <h2 id="od-lic">{t.od.licencesInUse}</h2>
        <p>{t.od.licencesLead}</p>
        {res.state === 'error' && <LoadFailure failure={res.failure} retry={retry} />}
        {!data && res.state === 'loading' && <Loading />}
        {data && (
          <div class="od-table-wrap">
            <table class="od-table od-licences">
              <thead>
                <tr>
                  <th scope="col">{t.od.licenceCol}</th>
                  <th scope="col">{t.od.attributionCol}</th>
                  <th scope="col">{t.od.usedBy}</th>
                </tr>
              </thead>
              <tbody>
                {inUse.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">
                      {l.url ? <a href={l.url}>{l.title}</a> : l.title}
                      <br />
                      <code>{l.id}</code>
                    </th>
                    <td>{NO_ATTRIBUTION.has(l.id) ? t.od.attrNone : t.od.attrRequired}</td>
                    <td>
                      <a href={`/daten?license_id=${encodeURIComponent(l.id)}`}>{data.used.get(l.id)}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="od-harvest">
        <h2 id="od-harvest">{t.od.harvesting}</h2>
        <p>{t.od.harvestCatalog}</p>
        <div class="od-examples">
          <CopyField id="od-h-ttl" label="DCAT-AP.de (Turtle)" value={`${origin}/opendata/catalog.ttl?page=1`} />
          <CopyField id="od-h-mod" label="modified_since" value={`${origin}/opendata/catalog.ttl?modified_since=2026-01-01T00:00:00Z`} />
          <CopyField id="od-h-jsonld" label="DCAT-AP.de (JSON-LD)" value={`${origin}/opendata/catalog.jsonld`} />
        </div>
        <p>{t.od.harvestCkan}</p>
        <div class="od-examples">
          <CopyField id="od-h-ckan" label="CKAN package_search" value={`curl '${origin}/api/3/action/package_search?fq=res_format:CSV&rows=100'`} />
        </div>
      </section>
      <section aria-labelledby="od-notes">
        <h2 id="od-notes">{t.od.notes}</h2>
        <ul>
          {t.od.notesList.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="od-contact">
        <h2 id="od-contact">{t.od.contactTitle}</h2>
        <p>
          {t.od.contactText}
          <a href="mailto:opendata@musterstadt.example">opendata@musterstadt.example</a>.
        </p>
      </section>
    </Page>
  );
}
