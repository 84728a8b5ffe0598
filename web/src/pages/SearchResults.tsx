// /suche?q=…: what the catalogue search found, or an honest "nothing fits"
// with ways on (115, the Bürgerbüro, the A–Z list).
import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n';
import { apiPath, CONTENT_LANG, dataOf, telHref, useApi, type Office, type SearchAnswer } from '../catalog/api';
import { SearchBox } from '../catalog/SearchBox';
import { LoadFailure, Loading } from '../catalog/Status';
import { Page } from '../components/Page';
import { Icon } from '../components/Icons';

const RESULTS = 20;

function normalise(s: string): string {
  return s.toLocaleLowerCase('de').replace(/\s+/g, ' ').trim();
}

/** The offices a person can ask in general: the citizens' offices. */
function isCitizensOffice(o: Office): boolean {
  return o.department === 'Bürgeramt' || o.name.startsWith('Bürgerbüro') || o.name.startsWith('Bürgeramt');
}

function NoAnswer({ q }: { q: string }) {
  const { t } = useI18n();
  const [offices] = useApi<{ items: Office[] }>('/api/offices');
  const citizens = dataOf(offices)?.items.filter(isCitizensOffice) ?? [];
  return (
    <section class="no-answer" aria-labelledby="no-answer-title">
      <h2 id="no-answer-title">{t.search.noAnswerTitle}</h2>
      <p>{t.search.noAnswerText(q)}</p>
      <ul class="help-list">
        <li>
          <span class="help-icon" aria-hidden="true">
            <Icon name="search" size={22} />
          </span>
          <span>{t.search.hintRephrase}</span>
        </li>
        <li>
          <span class="help-icon" aria-hidden="true">
            <Icon name="phone" size={22} />
          </span>
          <span>
            {t.search.hint115before} <a href="tel:115">115</a>
            {t.search.hint115after}
          </span>
        </li>
        {citizens.length > 0 && (
          <li>
            <span class="help-icon" aria-hidden="true">
              <Icon name="office" size={22} />
            </span>
            <div>
              {t.search.hintOffice}
              <ul class="help-offices">
                {citizens.map((o) => (
                  <li key={o.id}>
                    <a href={`/aemter/${o.id}`}>{o.name}</a>: {t.office.phone}{' '}
                    <a href={telHref(o.phone)}>{o.phone}</a>
                  </li>
                ))}
              </ul>
            </div>
          </li>
        )}
        <li>
          <span class="help-icon" aria-hidden="true">
            <Icon name="leistungen" size={22} />
          </span>
          <span>
            <a href="/leistungen">{t.search.hintAz}</a>
          </span>
        </li>
      </ul>
    </section>
  );
}

export function SearchResults() {
  const { t } = useI18n();
  const { query } = useLocation();
  const q = (query.q ?? '').trim();
  const [answer, retry] = useApi<SearchAnswer>(q ? apiPath('/api/search', { q, limit: RESULTS }) : null);

  const data = answer.state === 'ok' ? answer.data : undefined;
  const interpreted = data?.interpreted_query ?? '';
  const showInterpreted = interpreted !== '' && normalise(interpreted) !== normalise(q);

  return (
    <Page
      title={t.search.title}
      trail={[]}
      head={<SearchBox id="page-search" label={t.start.searchLabel} labelVisible={false} initial={q} class="search-compact" />}
    >
      {!q && <p class="lead">{t.search.emptyQuery}</p>}
      {q && answer.state === 'loading' && <Loading text={t.search.searching} />}
      {q && answer.state === 'error' && <LoadFailure failure={answer.failure} retry={retry} />}
      {q && data && (
        <>
          <div class="result-meta">
            <p role="status" class="result-count">
              {data.no_answer || data.results.length === 0 ? t.search.countNone(q) : t.search.count(data.results.length, q)}
            </p>
            {showInterpreted && (
              <p class="interpreted">
                {t.search.interpreted} <strong>{interpreted}</strong>
              </p>
            )}
          </div>
          {data.no_answer || data.results.length === 0 ? (
            <NoAnswer q={q} />
          ) : (
            <>
              <ol class="result-list" aria-label={t.search.resultsList}>
                {data.results.map((r) => (
                  <li key={r.id} class="result" lang={CONTENT_LANG}>
                    <h2 class="result-title">
                      <a href={r.url}>{r.title}</a>
                    </h2>
                    <p>{r.summary}</p>
                  </li>
                ))}
              </ol>
              <p class="after-results">
                {t.search.notFoundYet} <a href="/leistungen">{t.search.hintAz}</a>
              </p>
            </>
          )}
        </>
      )}
    </Page>
  );
}
