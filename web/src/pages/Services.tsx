// /leistungen: every service from A to Z. Filters (letter, department,
// topic) live in the URL (?letter=R&department=Bürgeramt&topic=…), so a
// filtered list can be bookmarked and shared; Back undoes a filter.
//
// The list of the chosen department/topic is loaded whole (the API pages by
// 500) and the letters are worked out here: the API has no letter facet, and
// German A–Z lists file Ä under A, Ö under O, Ü under U.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n';
import { apiPath, CONTENT_LANG, dataOf, getJson, useLoad, type Facet, type ServiceSummary, type ServicesPage } from '../catalog/api';
import { MaturityBadge } from '../catalog/Maturity';
import { LoadFailure, Loading } from '../catalog/Status';
import { Icon } from '../components/Icons';
import { Page } from '../components/Page';

const PAGE = 20;
const API_PAGE = 500;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** The A–Z letter a title is filed under ("Änderung" → "A"), or "#". */
export function letterOf(title: string): string {
  const first = title.trim().charAt(0).toLocaleUpperCase('de');
  const base = first.normalize('NFD').charAt(0);
  return LETTERS.includes(base) ? base : '#';
}

interface AllServices {
  items: ServiceSummary[];
  facets: ServicesPage['facets'];
}

async function loadAll(department: string, topic: string, signal: AbortSignal): Promise<AllServices> {
  const items: ServiceSummary[] = [];
  let facets: ServicesPage['facets'] = { departments: [], topics: [] };
  for (let offset = 0; ; offset += API_PAGE) {
    const page = await getJson<ServicesPage>(
      apiPath('/api/services', { department, topic, offset, limit: API_PAGE }),
      signal,
    );
    items.push(...page.items);
    facets = page.facets;
    if (page.items.length < API_PAGE || items.length >= page.total) break;
  }
  items.sort((a, b) => a.title.localeCompare(b.title, 'de'));
  return { items, facets };
}

function linkTo(params: { letter?: string; department?: string; topic?: string }): string {
  return apiPath('/leistungen', params);
}

function FacetSelect({
  id,
  label,
  any,
  value,
  facets,
  onChange,
}: {
  id: string;
  label: string;
  any: string;
  value: string;
  facets: Facet[];
  onChange: (v: string) => void;
}) {
  const known = value === '' || facets.some((f) => f.name === value);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={id} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{any}</option>
        {facets.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name} ({f.services})
          </option>
        ))}
        {!known && <option value={value}>{value}</option>}
      </select>
    </div>
  );
}

export function Services() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const letter = (query.letter ?? '').toUpperCase();
  const department = query.department ?? '';
  const topic = query.topic ?? '';

  const [all, retry] = useLoad<AllServices>(`${department}\u0000${topic}`, (signal) => loadAll(department, topic, signal));
  const data = dataOf(all);
  const [shown, setShown] = useState(PAGE);
  const firstNew = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // Old links carried a question here (/leistungen?q=…): it belongs to the search.
  useEffect(() => {
    if (query.q) route(`/suche?${new URLSearchParams({ q: query.q })}`, true);
  }, [query.q]);

  // A new filter starts at the top of the list.
  useEffect(() => setShown(PAGE), [letter, department, topic]);

  // After "Mehr laden", focus the first service that was added.
  useEffect(() => {
    if (firstNew.current === null) return;
    const link = list.current?.querySelectorAll<HTMLAnchorElement>('a.service-link')[firstNew.current];
    firstNew.current = null;
    link?.focus();
  }, [shown]);

  const items = data?.items ?? [];
  const active = new Set(items.map((s) => letterOf(s.title)));
  const matching = letter ? items.filter((s) => letterOf(s.title) === letter) : items;
  const visible = matching.slice(0, shown);
  const filtered = letter !== '' || department !== '' || topic !== '';

  // Group the visible services by letter.
  const groups: { letter: string; services: ServiceSummary[] }[] = [];
  for (const s of visible) {
    const l = letterOf(s.title);
    const last = groups[groups.length - 1];
    if (last && last.letter === l) last.services.push(s);
    else groups.push({ letter: l, services: [s] });
  }

  return (
    <Page
      title={t.areas.leistungen.name}
      kicker={
        <span class="area-kicker">
          <Icon name="leistungen" size={22} />
        </span>
      }
      head={<p class="lead">{t.az.lead}</p>}
      wide
    >
      <div class="az-layout">
        <section class="az-filters" aria-labelledby="az-filter-title">
          <h2 id="az-filter-title" class="visually-hidden">
            {t.az.filtersTitle}
          </h2>
          <nav class="letters" aria-label={t.az.lettersLabel}>
            <ul>
              <li>
                <a
                  class="letter letter-all"
                  href={linkTo({ department, topic })}
                  aria-current={letter === '' ? 'true' : undefined}
                >
                  {t.az.allLetters}
                </a>
              </li>
              {LETTERS.map((l) => (
                <li key={l}>
                  {active.has(l) || l === letter ? (
                    <a
                      class="letter"
                      href={linkTo({ letter: l, department, topic })}
                      aria-current={l === letter ? 'true' : undefined}
                      aria-label={t.az.letterLabel(l)}
                    >
                      {l}
                    </a>
                  ) : (
                    <span class="letter letter-empty">
                      <span aria-hidden="true">{l}</span>
                      <span class="visually-hidden">{t.az.letterEmpty(l)}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <div class="facet-row">
            <FacetSelect
              id="department"
              label={t.az.department}
              any={t.az.anyDepartment}
              value={department}
              facets={data?.facets.departments ?? []}
              onChange={(v) => route(linkTo({ letter, department: v, topic }))}
            />
            <FacetSelect
              id="topic"
              label={t.az.topic}
              any={t.az.anyTopic}
              value={topic}
              facets={data?.facets.topics ?? []}
              onChange={(v) => route(linkTo({ letter, department, topic: v }))}
            />
            {filtered && (
              <a class="button button-secondary reset-filters" href="/leistungen">
                {t.az.reset}
              </a>
            )}
          </div>
        </section>

        <div class="az-results" aria-busy={all.state === 'loading'}>
          {data && (
            <p class="result-count" role="status">
              {t.az.count(matching.length, letter)}
            </p>
          )}
          {all.state === 'loading' && !data && <Loading />}
          {all.state === 'error' && <LoadFailure failure={all.failure} retry={retry} />}
          {data && matching.length === 0 && <p class="notice">{t.az.none}</p>}
          {data && matching.length > 0 && (
            <ol class="service-groups" ref={list}>
              {groups.map((g) => (
                <li key={g.letter} class="service-group">
                  <h2 class="group-letter" aria-label={t.az.letterLabel(g.letter)}>
                    {g.letter}
                  </h2>
                  <ul class="service-list">
                    {g.services.map((s) => (
                      <li key={s.id} class="service-row">
                        <div class="service-row-text" lang={CONTENT_LANG}>
                          <h3 class="service-row-title">
                            <a class="service-link" href={s.url}>
                              {s.title}
                            </a>
                          </h3>
                          <p class="service-row-summary">{s.summary}</p>
                          <p class="service-row-meta">
                            {s.department} · {s.topic}
                          </p>
                        </div>
                        <div class="service-row-badges">
                          <MaturityBadge level={s.maturity} />
                          {s.online && <span class="tag tag-online">{t.az.online}</span>}
                        </div>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
          {visible.length < matching.length && (
            <div class="more">
              <p class="muted">{t.az.showing(visible.length, matching.length)}</p>
              <button
                type="button"
                class="button button-secondary"
                onClick={() => {
                  firstNew.current = visible.length;
                  setShown(shown + PAGE);
                }}
              >
                {t.az.more(Math.min(PAGE, matching.length - visible.length))}
              </button>
            </div>
          )}
        </div>
      </div>
    </Page>
  );
}
