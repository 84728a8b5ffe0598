import { useEffect, useState } from 'preact/hooks';
import type { Dictionary } from '../i18n';
import { useI18n } from '../i18n';
import { Icon } from '../components/Icons';
import { Page } from '../components/Page';

type Fetched =
  | { state: 'loading' }
  | { state: 'ok'; data: Record<string, unknown>; raw: string }
  | { state: 'error'; reason: (t: Dictionary) => string };

const TIMEOUT_MS = 5000;

/** GET a JSON document from our own server, live, never cached. */
function useLiveJson(url: string, generation: number): Fetched {
  const [result, setResult] = useState<Fetched>({ state: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, TIMEOUT_MS);
    setResult({ state: 'loading' });
    (async () => {
      let res: Response;
      try {
        res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', signal: ctrl.signal });
      } catch {
        if (!ctrl.signal.aborted || timedOut) {
          setResult({ state: 'error', reason: (t) => (timedOut ? t.dev.errorTimeout : t.dev.errorNetwork) });
        }
        return;
      }
      if (!res.ok) {
        const { status, statusText } = res;
        setResult({ state: 'error', reason: (t) => t.dev.errorHttp(status, statusText) });
        return;
      }
      try {
        const data: unknown = await res.json();
        if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('not an object');
        setResult({ state: 'ok', data: data as Record<string, unknown>, raw: JSON.stringify(data, null, 2) });
      } catch {
        if (!ctrl.signal.aborted) setResult({ state: 'error', reason: (t) => t.dev.errorJson });
      }
    })().finally(() => clearTimeout(timer));
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [url, generation]);
  return result;
}

function text(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '—';
}

function StatusCard({
  title,
  endpoint,
  result,
  fields,
}: {
  title: string;
  endpoint: string;
  result: Fetched;
  fields: [label: string, key: string][];
}) {
  const { t } = useI18n();
  const id = `card-${endpoint.replace(/\W+/g, '-')}`;
  return (
    <section class="card status-card" aria-labelledby={id}>
      <h3 id={id}>
        {title} <code class="endpoint">GET {endpoint}</code>
      </h3>
      <div aria-live="polite" aria-busy={result.state === 'loading'}>
        {result.state === 'loading' && <p class="muted">{t.dev.loading}</p>}
        {result.state === 'error' && (
          <p class="status-line status-error">
            <span class="dot" aria-hidden="true" />
            <span>
              <strong>{t.dev.unreachable}.</strong> {result.reason(t)}
            </span>
          </p>
        )}
        {result.state === 'ok' && (
          <>
            <dl class="facts">
              {fields.map(([label, key]) => (
                <div key={key}>
                  <dt>{label}</dt>
                  <dd>
                    {key === 'status' ? (
                      <span class={`status-pill ${result.data[key] === 'ok' ? 'is-ok' : 'is-warn'}`}>
                        {text(result.data[key])}
                      </span>
                    ) : (
                      <code>{text(result.data[key])}</code>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
            <details class="raw">
              <summary>{t.dev.rawResponse}</summary>
              <pre>{result.raw}</pre>
            </details>
          </>
        )}
      </div>
    </section>
  );
}

const ENDPOINTS = [
  ['docs', '/api/docs'],
  ['openapi', '/api/openapi.json'],
  ['health', '/health'],
  ['ready', '/ready'],
  ['metrics', '/metrics'],
] as const;

export function Developer() {
  const { t } = useI18n();
  const [generation, setGeneration] = useState(0);
  const health = useLiveJson('/health', generation);
  const version = useLiveJson('/api/version', generation);

  return (
    <Page
      title={t.areas.entwickler.name}
      kicker={
        <span class="area-kicker">
          <Icon name="entwickler" size={22} />
        </span>
      }
    >
      <p class="lead">{t.dev.lead}</p>

      <section aria-labelledby="dev-docs">
        <h2 id="dev-docs">{t.dev.docsTitle}</h2>
        <ul class="endpoint-list">
          {ENDPOINTS.map(([key, href]) => (
            <li key={key}>
              <a href={href}>{t.dev.links[key].label}</a>
              <code>{href}</code>
              <span class="muted">{t.dev.links[key].desc}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="dev-status">
        <div class="section-head">
          <div>
            <h2 id="dev-status">{t.dev.statusTitle}</h2>
            <p class="muted">{t.dev.statusLead}</p>
          </div>
          <button type="button" class="button button-secondary" onClick={() => setGeneration(generation + 1)}>
            {t.dev.refresh}
          </button>
        </div>
        <div class="status-grid">
          <StatusCard
            title={t.dev.healthTitle}
            endpoint="/health"
            result={health}
            fields={[[t.dev.fieldStatus, 'status']]}
          />
          <StatusCard
            title={t.dev.versionTitle}
            endpoint="/api/version"
            result={version}
            fields={[
              [t.dev.fieldName, 'name'],
              [t.dev.fieldVersion, 'version'],
              [t.dev.fieldCommit, 'commit'],
            ]}
          />
        </div>
      </section>

      <section aria-labelledby="dev-standards">
        <h2 id="dev-standards">{t.dev.standardsTitle}</h2>
        <p>{t.dev.standardsLead}</p>
        <ul>
          {t.dev.standards.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
