// /daten/:name: one dataset of the open-data portal: description, the
// DCAT-AP.de metadata, the Nutzungskonzept, the downloads with a preview
// (CSV as a table of the first rows and, for a time series, a chart;
// GeoJSON on a map) and the API calls to copy.
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n';
import { dataOf, useLoad } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { NotFound } from '../NotFound';
import { Page } from '../../components/Page';
import { ckan, extra, isLocal, localPath, type CkanPackage, type CkanResource } from '../../opendata/api';
import { formatDate, formatSize } from '../../opendata/format';
import { Preview, previewKind } from '../../opendata/Preview';
import { CopyField } from '../../opendata/CopyField';
import { EditLink } from '../../staff/EditLink';

function uriTail(v: string): string {
  return v.slice(v.lastIndexOf('/') + 1);
}

function listOf(v: string): string[] {
  try {
    const x = JSON.parse(v) as unknown;
    return Array.isArray(x) ? x.map(String) : [v];
  } catch {
    return v ? [v] : [];
  }
}

function Resource({ pkg, r }: { pkg: CkanPackage; r: CkanResource }) {
  const { t, locale } = useI18n();
  const local = isLocal(r.url);
  const kind = local ? previewKind(r) : null;
  const [open, setOpen] = useState(pkg.resources.findIndex((x) => isLocal(x.url) && previewKind(x)) === pkg.resources.indexOf(r));
  return (
    <li class="od-resource">
      <div class="od-resource-head">
        <span class="od-format">{r.format}</span>
        <div>
          <h3 lang="de">{r.name}</h3>
          <p class="od-resource-meta">
            {r.size !== null ? formatSize(r.size, locale) : t.od.unknownSize}
            {r.mimetype ? ` · ${r.mimetype}` : ''}
          </p>
        </div>
        <a class="button" href={local ? localPath(r.url) : r.url} download={local ? '' : undefined} aria-label={local ? t.od.download(r.name) : t.od.open(r.name)}>
          {local ? t.od.downloadShort : t.od.openShort}
        </a>
      </div>
      {kind && !open && (
        <button type="button" class="button button-secondary" onClick={() => setOpen(true)}>
          {t.od.showPreview}
        </button>
      )}
      {kind && open && <Preview resource={r} kind={kind} />}
    </li>
  );
}

export function Dataset({ name }: { name: string }) {
  const { t, locale } = useI18n();
  const [res, retry] = useLoad<CkanPackage>(name, (signal) => ckan<CkanPackage>('package_show', { id: name }, signal));
  const pkg = dataOf(res);
  if (res.state === 'error' && res.failure.kind === 'notfound') return <NotFound />;
  const trail = [{ href: '/daten', label: t.od.datasets }];
  if (!pkg)
    return (
      <Page title={t.od.title} trail={[]}>
        {res.state === 'error' ? <LoadFailure failure={res.failure} retry={retry} /> : <Loading />}
      </Page>
    );

  const origin = window.location.origin;
  const attribution = extra(pkg, 'licenseAttributionByText');
  const start = extra(pkg, 'temporal_start');
  const end = extra(pkg, 'temporal_end');
  const freq = uriTail(extra(pkg, 'frequency'));
  const keys = listOf(extra(pkg, 'politicalGeocodingURI')).map(uriTail);
  const personal = extra(pkg, 'usage_personal_data');
  const contact = pkg.maintainer_email || pkg.url;
  const rows: [string, preact.ComponentChildren][] = [
    [t.od.publisher, pkg.organization.title ?? pkg.organization.name],
    [
      t.od.contact,
      contact ? (
        <a href={pkg.maintainer_email ? `mailto:${pkg.maintainer_email}` : pkg.url}>{pkg.maintainer_email || pkg.url}</a>
      ) : (
        '–'
      ),
    ],
    [
      t.od.licence,
      pkg.license_url ? <a href={pkg.license_url}>{pkg.license_title}</a> : pkg.license_title,
    ],
    [t.od.attribution, attribution || '–'],
    [t.od.themes, pkg.groups.map((g) => g.title).join(', ') || '–'],
    [t.od.keywords, pkg.tags.map((x) => x.name).join(', ') || '–'],
    [t.od.spatial, keys.length ? keys.map((k) => t.od.municipality(k)).join(', ') : '–'],
    [
      t.od.temporal,
      start && end ? t.od.fromTo(formatDate(start, locale), formatDate(end, locale)) : start ? t.od.since(formatDate(start, locale)) : '–',
    ],
    [t.od.issued, formatDate(extra(pkg, 'issued'), locale)],
    [t.od.modifiedFull, formatDate(pkg.metadata_modified, locale)],
    [t.od.periodicity, freq ? (t.od.periodicities[freq] ?? freq) : '–'],
  ];
  const usage: [string, string][] = [
    [t.od.personalData, t.od.personalValues[personal] ?? personal],
    [t.od.purpose, extra(pkg, 'usage_purpose')],
    [t.od.retention, extra(pkg, 'usage_retention')],
    [t.od.quality, extra(pkg, 'usage_quality')],
  ];
  const enc = encodeURIComponent(pkg.name);
  const examples: [string, string][] = [
    [t.od.apiCkan, `curl '${origin}/api/3/action/package_show?id=${enc}'`],
    [t.od.apiTurtle, `${origin}/opendata/dataset/${enc}.ttl`],
    [t.od.apiJsonLd, `${origin}/opendata/dataset/${enc}.jsonld`],
    ...pkg.resources.filter((r) => isLocal(r.url)).map((r): [string, string] => [t.od.apiDownload(r.name), `${origin}${localPath(r.url)}`]),
  ];

  return (
    <Page
      title={pkg.title}
      titleLang="de"
      trail={trail}
      wide
      head={
        <>
          <p class="od-card-org" lang="de">
            {pkg.organization.title ?? pkg.organization.name}
          </p>
          {pkg.private && <p class="notice">{t.od.private}</p>}
          <EditLink
            href={`/verwaltung/daten/${encodeURIComponent(pkg.name)}/bearbeiten`}
            department={pkg.organization.title ?? pkg.organization.name}
            name={pkg.title}
          />
        </>
      }
    >
      <p class="lead od-notes" lang="de">
        {pkg.notes}
      </p>
      <div class="od-detail">
        <section aria-labelledby="od-dist" class="od-dist">
          <h2 id="od-dist">{t.od.distributions}</h2>
          <ul class="od-resources">
            {pkg.resources.map((r) => (
              <Resource key={r.id} pkg={pkg} r={r} />
            ))}
          </ul>
          <h2 id="od-api">{t.od.api}</h2>
          <p>{t.od.apiLead}</p>
          <div class="od-examples">
            {examples.map(([label, value], i) => (
              <CopyField key={label} id={`od-ex-${i}`} label={label} value={value} />
            ))}
          </div>
        </section>
        <div class="od-side">
          <section aria-labelledby="od-meta" class="card">
            <h2 id="od-meta">{t.od.metadata}</h2>
            <dl class="od-meta">
              {rows.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd lang="de">{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="od-usage" class="card">
            <h2 id="od-usage">{t.od.usageConcept}</h2>
            <dl class="od-meta">
              {usage.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd lang="de">{v || '–'}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      </div>
    </Page>
  );
}
