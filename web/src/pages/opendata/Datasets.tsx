// /daten: the dataset search of the open-data portal, as data users know it
// from CKAN portals. Everything the search depends on lives in the URL
// (?q=&groups=REGI&res_format=CSV&sort=title&page=2; a facet may repeat), so a
// search can be bookmarked and shared. Facet counts come from package_search.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n';
import { ApiError, dataOf, useLoad } from '../../catalog/api';
import { LoadFailure, Loading } from '../../catalog/Status';
import { Page } from '../../components/Page';
import { buildFq, ckan, cleanQuery, FACET_FIELDS, SORTS, type CkanLicense, type FacetField, type SearchResult, type Selection, type SortKey } from '../../opendata/api';
import { formatDate } from '../../opendata/format';

const ROWS = 10;

interface State {
  q: string;
  sel: Selection;
  sort: SortKey;
  page: number;
}

function stateOf(search: string): State {
  const p = new URLSearchParams(search);
  const sel: Selection = {};
  for (const f of FACET_FIELDS) {
    const vs = p.getAll(f).filter((v) => v !== '');
    if (vs.length) sel[f] = [...new Set(vs)];
  }
  const sort = (p.get('sort') ?? 'relevance') as SortKey;
  return {
    q: p.get('q') ?? '',
    sel,
    sort: sort in SORTS ? sort : 'relevance',
    page: Math.max(1, Math.min(1000, Number.parseInt(p.get('page') ?? '1', 10) || 1)),
  };
}

function linkOf(s: State): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of FACET_FIELDS) for (const v of s.sel[f] ?? []) p.append(f, v);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  const q = p.toString();
  return q ? `/daten?${q}` : '/daten';
}

function withFacet(s: State, f: FacetField, v: string, on: boolean): State {
  const cur = s.sel[f] ?? [];
  const next = on ? [...cur.filter((x) => x !== v), v] : cur.filter((x) => x !== v);
  return { ...s, sel: { ...s.sel, [f]: next }, page: 1 };
}

export function Datasets() {
  const { t, locale } = useI18n();
  const { url, route } = useLocation();
  const search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  const state = stateOf(search);
  const [text, setText] = useState(state.q);
  // On narrow screens the facets fold away behind a button (CSS decides).
  const [filtersOpen, setFiltersOpen] = useState(false);
  useEffect(() => setText(state.q), [state.q]);

  const key = linkOf(state);
  // A query the search refuses (e.g. an unknown field "foo:bar") finds nothing.
  const [res, retry] = useLoad<SearchResult>(key, (signal) =>
    ckan<SearchResult>(
      'package_search',
      {
        q: cleanQuery(state.q),
        fq: buildFq(state.sel),
        sort: SORTS[state.sort],
        rows: String(ROWS),
        start: String((state.page - 1) * ROWS),
        'facet.field': JSON.stringify(FACET_FIELDS),
        'facet.limit': '50',
      },
      signal,
    ).catch((e: unknown) => {
      if (e instanceof ApiError && e.failure.kind === 'http' && e.failure.status === 400)
        return { count: 0, results: [], search_facets: {} };
      throw e;
    }),
  );
  const data = dataOf(res);
  const [lic] = useLoad<CkanLicense[]>('licences', (signal) => ckan<CkanLicense[]>('license_list', {}, signal));
  const licences = new Map((dataOf(lic) ?? []).map((l) => [l.id, l.title] as const));
  const go = (s: State) => route(linkOf(s));
  const display = (f: FacetField, v: string) =>
    (f === 'license_id' ? licences.get(v) : undefined) ?? data?.search_facets[f]?.items.find((i) => i.name === v)?.display_name ?? v;
  const chips = FACET_FIELDS.flatMap((f) => (state.sel[f] ?? []).map((v) => ({ f, v })));
  const pages = data ? Math.max(1, Math.ceil(data.count / ROWS)) : 1;

  return (
    <Page
      title={t.od.title}
      wide
      head={
        <>
          <p class="lead">{t.od.lead}</p>
          <form
            class="od-search"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              go({ ...state, q: text.trim(), page: 1 });
            }}
          >
            <label for="od-q">{t.od.searchLabel}</label>
            <div class="od-search-row">
              <input id="od-q" name="q" type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
              <button type="submit" class="button">
                {t.od.searchButton}
              </button>
            </div>
          </form>
          <p>
            <a href="/daten/nutzung">{t.od.usageLink}</a>
          </p>
        </>
      }
    >
      <div class="od-layout">
        <aside class={`od-facets ${filtersOpen ? '' : 'is-collapsed'}`} aria-label={t.od.filters}>
          <h2 class="visually-hidden">{t.od.filters}</h2>
          <button
            type="button"
            class="button button-secondary od-facets-toggle"
            aria-expanded={filtersOpen}
            aria-controls="od-facet-list"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            {t.od.filterButton(chips.length)}
          </button>
          <div id="od-facet-list" class="od-facet-list">
          {FACET_FIELDS.map((f) => {
            const items = data?.search_facets[f]?.items ?? [];
            const chosen = state.sel[f] ?? [];
            return (
              <fieldset key={f} class="od-facet">
                <legend>{t.od.facets[f]}</legend>
                <ul>
                  {items.map((i) => {
                    const on = chosen.includes(i.name);
                    return (
                      <li key={i.name}>
                        <label>
                          <input type="checkbox" checked={on} onChange={() => go(withFacet(state, f, i.name, !on))} />
                          <span class="od-facet-name">{display(f, i.name)}</span> <span class="od-facet-count">{i.count}</span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            );
          })}
          </div>
        </aside>
        <section class="od-results" aria-labelledby="od-count">
          {chips.length > 0 && (
            <div class="od-chips">
              <h2 class="visually-hidden">{t.od.chosen}</h2>
              <ul>
                {chips.map(({ f, v }) => (
                  <li key={`${f}:${v}`}>
                    <button
                      type="button"
                      class="od-chip"
                      aria-label={t.od.removeChip(t.od.facets[f]!, display(f, v))}
                      onClick={() => go(withFacet(state, f, v, false))}
                    >
                      <span>
                        {t.od.facets[f]}: {display(f, v)}
                      </span>
                      <span aria-hidden="true"> ×</span>
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" class="button-link" onClick={() => go({ ...state, sel: {}, page: 1 })}>
                {t.od.clearAll}
              </button>
            </div>
          )}
          <div class="od-toolbar">
            <h2 id="od-count" aria-live="polite">
              {data ? t.od.count(data.count) : '\u00a0'}
            </h2>
            <div class="field od-sort">
              <label for="od-sort">{t.od.sort}</label>
              <select
                id="od-sort"
                value={state.sort}
                onChange={(e) => go({ ...state, sort: e.currentTarget.value as SortKey, page: 1 })}
              >
                {(Object.keys(SORTS) as SortKey[]).map((k) => (
                  <option key={k} value={k}>
                    {t.od.sorts[k]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {res.state === 'error' && <LoadFailure failure={res.failure} retry={retry} />}
          {!data && res.state === 'loading' && <Loading />}
          {data && data.count === 0 && <p class="notice">{t.od.none}</p>}
          {data && data.results.length > 0 && (
            <ol class="od-cards">
              {data.results.map((p) => {
                const formats = [...new Set(p.resources.map((r) => r.format).filter(Boolean))];
                return (
                  <li key={p.name} class="od-card">
                    <h3>
                      <a href={`/daten/${encodeURIComponent(p.name)}`} lang="de">
                        {p.title}
                      </a>
                    </h3>
                    <p class="od-card-org" lang="de">
                      {p.organization.title ?? p.organization.name}
                    </p>
                    <p class="od-card-notes" lang="de">
                      {p.notes.length > 220 ? `${p.notes.slice(0, 217).trimEnd()} …` : p.notes}
                    </p>
                    <dl class="od-card-meta">
                      <div>
                        <dt>{t.od.formats}</dt>
                        <dd>
                          {formats.map((f) => (
                            <span key={f} class="od-format">
                              {f}
                            </span>
                          ))}
                        </dd>
                      </div>
                      <div>
                        <dt>{t.od.license}</dt>
                        <dd>{p.license_title}</dd>
                      </div>
                      <div>
                        <dt>{t.od.modified}</dt>
                        <dd>{formatDate(p.metadata_modified, locale)}</dd>
                      </div>
                    </dl>
                  </li>
                );
              })}
            </ol>
          )}
          {data && pages > 1 && (
            <nav class="od-pager" aria-label={t.od.pages}>
              {state.page > 1 && (
                <a class="button button-secondary" href={linkOf({ ...state, page: state.page - 1 })} rel="prev">
                  {t.od.prev}
                </a>
              )}
              <span>{t.od.page(state.page, pages)}</span>
              {state.page < pages && (
                <a class="button button-secondary" href={linkOf({ ...state, page: state.page + 1 })} rel="next">
                  {t.od.next}
                </a>
              )}
            </nav>
          )}
        </section>
      </div>
    </Page>
  );
}
