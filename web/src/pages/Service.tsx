// /leistungen/{id}: one service, understood at a glance: what it is, what to
// bring (a checklist to tick), what it costs, where and when, and whether it
// can be done online.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { useI18n } from '../i18n';
import { CONTENT_LANG, dataOf, telHref, useApi, type Office, type Service as ServiceRecord } from '../catalog/api';
import { useCityTime } from '../catalog/hours';
import { MaturityBadge, MaturityExplanation } from '../catalog/Maturity';
import { OpenBadge, TodayHours } from '../catalog/OpeningHours';
import { LoadFailure, Loading } from '../catalog/Status';
import { Icon } from '../components/Icons';
import { Page } from '../components/Page';
import { NotFoundContent } from './NotFound';
import { EditLink } from '../staff/EditLink';

function Checklist({ id, items }: { id: string; items: string[] }) {
  const { t } = useI18n();
  const [ticked, setTicked] = useState<boolean[]>(() => items.map(() => false));
  const done = ticked.filter(Boolean).length;
  return (
    <div class="checklist" role="group" aria-labelledby="documents-title">
      <p class="muted">{t.service.documentsLead}</p>
      <ul>
        {items.map((doc, i) => (
          <li key={`${id}-${i}`} class={ticked[i] ? 'is-ticked' : undefined}>
            <input
              type="checkbox"
              id={`doc-${i}`}
              checked={ticked[i]}
              onChange={(e) => {
                const next = [...ticked];
                next[i] = (e.currentTarget as HTMLInputElement).checked;
                setTicked(next);
              }}
            />
            <label for={`doc-${i}`} lang={CONTENT_LANG}>
              {doc}
            </label>
          </li>
        ))}
      </ul>
      <p class="checklist-progress" aria-live="polite">
        {t.service.documentsProgress(done, items.length)}
      </p>
    </div>
  );
}

function Offices({ service }: { service: ServiceRecord }) {
  const { t } = useI18n();
  const now = useCityTime();
  const [all] = useApi<{ items: Office[] }>(service.office_details.length > 0 ? '/api/offices' : null);
  const offices = dataOf(all)?.items ?? [];
  if (service.office_details.length === 0) return <p>{t.service.noOffice}</p>;
  return (
    <ul class="office-cards">
      {service.office_details.map((d) => {
        const o = offices.find((x) => x.id === d.id);
        return (
          <li key={d.id} class="office-card">
            <h3>
              <a href={d.url}>{d.name}</a>
            </h3>
            {o && (
              <>
                <p class="office-address">
                  <Icon name="pin" size={18} />
                  <span>
                    {o.address.street}, {o.address.postal_code} {o.address.city}
                  </span>
                </p>
                <OpenBadge office={o} now={now} />
                <TodayHours office={o} now={now} />
                <p class="office-phone">
                  <Icon name="phone" size={18} />
                  <a href={telHref(o.phone)}>{o.phone}</a>
                </p>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function TextList({ items }: { items: string[] }) {
  return (
    <ul class="plain-list" lang={CONTENT_LANG}>
      {items.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="service-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function formatIsoDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}

function ServiceHead({ s }: { s: ServiceRecord }) {
  const { t } = useI18n();
  return (
    <>
      <p class="lead" lang={CONTENT_LANG}>
        {s.summary}
      </p>
      <div class="head-badges">
        <MaturityBadge level={s.maturity} />
        {s.online_service_url && <span class="tag tag-online">{t.az.online}</span>}
        {s.appointment_minutes !== null && <span class="tag">{t.service.needsAppointment}</span>}
        <EditLink href={`/verwaltung/leistungen/${encodeURIComponent(s.id)}/bearbeiten`} department={s.department} name={s.title} />
      </div>
    </>
  );
}

function ServiceBody({ s }: { s: ServiceRecord }) {
  const { t, locale } = useI18n();
  const paragraphs = s.description.split(/\n\s*\n/).filter((p) => p.trim());
  return (
      <div class="service-layout">
        <aside class="service-aside" aria-labelledby="glance-title">
          <div class="card glance">
            <h2 id="glance-title">{t.service.atAGlance}</h2>
            {(s.online_service_url || s.appointment_minutes !== null) && (
              <div class="actions">
                {s.online_service_url && (
                  <a class="button button-primary button-block" href={s.online_service_url} rel="noopener">
                    <span>{t.service.online}</span>
                    <Icon name="external" size={18} />
                    <span class="visually-hidden"> {t.service.externalLink}</span>
                  </a>
                )}
                {s.appointment_minutes !== null && (
                  <>
                    <a
                      class={`button button-block ${s.online_service_url ? 'button-secondary' : 'button-primary'}`}
                      href={`/termine/buchen?service=${encodeURIComponent(s.id)}`}
                    >
                      <Icon name="termine" size={20} />
                      <span>{t.service.book}</span>
                    </a>
                    <p class="muted small">{t.service.bookNote(s.appointment_minutes)}</p>
                  </>
                )}
              </div>
            )}
            <a class="button button-secondary button-block ask-assistant" href={`/assistent?${new URLSearchParams({ leistung: s.id })}`}>
              <Icon name="assistent" size={20} />
              <span>{t.service.askAssistant}</span>
            </a>
            <dl class="glance-facts">
              <div>
                <dt>{t.service.costs}</dt>
                <dd>{s.fees_text.length > 0 ? <TextList items={s.fees_text} /> : t.service.noCosts}</dd>
              </div>
              {s.processing_time && (
                <div>
                  <dt>{t.service.processingTime}</dt>
                  <dd lang={CONTENT_LANG}>{s.processing_time}</dd>
                </div>
              )}
              <div>
                <dt>{t.service.department}</dt>
                <dd lang={CONTENT_LANG}>{s.department}</dd>
              </div>
            </dl>
          </div>
        </aside>

        <div class="service-main">
          <Section id="documents-title" title={t.service.documents}>
            {s.documents.length > 0 ? <Checklist id={s.id} items={s.documents} /> : <p>{t.service.noDocuments}</p>}
          </Section>

          {s.prerequisites.length > 0 && (
            <Section id="prerequisites-title" title={t.service.prerequisites}>
              <TextList items={s.prerequisites} />
            </Section>
          )}

          <Section id="where-title" title={t.service.whereWhen}>
            {s.online_service_url && s.office_details.length === 0 && <p>{t.service.onlineOnly}</p>}
            <Offices service={s} />
            {s.deadlines && (
              <dl class="facts-inline">
                <dt>{t.service.deadlines}</dt>
                <dd lang={CONTENT_LANG}>{s.deadlines}</dd>
              </dl>
            )}
          </Section>

          <Section id="digital-title" title={t.service.maturityTitle}>
            <MaturityExplanation level={s.maturity} />
          </Section>

          {paragraphs.length > 0 && (
            <Section id="description-title" title={t.service.description}>
              <div class="prose" lang={CONTENT_LANG}>
                {paragraphs.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </div>
            </Section>
          )}

          {s.hints.length > 0 && (
            <Section id="hints-title" title={t.service.hints}>
              <TextList items={s.hints} />
            </Section>
          )}

          {s.forms.length > 0 && (
            <Section id="forms-title" title={t.service.forms}>
              <ul class="link-list">
                {s.forms.map((f) => (
                  <li key={f.url}>
                    <a href={f.url} rel="noopener" lang={CONTENT_LANG}>
                      {f.title}
                      <span class="visually-hidden"> {t.service.externalLink}</span>
                    </a>
                    <Icon name="external" size={16} />
                  </li>
                ))}
              </ul>
            </Section>
          )}

          {s.legal_basis.length > 0 && (
            <Section id="legal-title" title={t.service.legalBasis}>
              <TextList items={s.legal_basis} />
            </Section>
          )}

          {s.related_details.length > 0 && (
            <Section id="related-title" title={t.service.related}>
              <ul class="related-list">
                {s.related_details.map((r) => (
                  <li key={r.id} lang={CONTENT_LANG}>
                    <a href={r.url}>{r.title}</a>
                    <span class="muted">{r.summary}</span>
                  </li>
                ))}
              </ul>
            </Section>
          )}

          <p class="muted small record-meta">
            {t.service.lastReview(formatIsoDate(s.last_review, locale))} · {t.service.leika} {s.leika}
          </p>
        </div>
      </div>
  );
}

// The page frame stays the same while the record loads, so the heading that
// got the focus after a navigation keeps it when the title arrives.
export function Service() {
  const { t } = useI18n();
  const { params } = useRoute();
  const id = params.id ?? '';
  const [service, retry] = useApi<ServiceRecord>(`/api/services/${encodeURIComponent(id)}`);
  const trail = [{ href: '/leistungen', label: t.areas.leistungen.name }];

  if (service.state === 'error' && service.failure.kind === 'notfound')
    return (
      <Page title={t.notFound.title}>
        <NotFoundContent hint="services" />
      </Page>
    );
  const s = service.state === 'ok' && service.data.id === id ? service.data : undefined;
  return (
    <Page
      title={s ? s.title : t.service.loadingTitle}
      trail={trail}
      titleLang={s ? CONTENT_LANG : undefined}
      kicker={
        s ? (
          <p class="kicker" lang={CONTENT_LANG}>
            {s.topic}
          </p>
        ) : undefined
      }
      head={s ? <ServiceHead s={s} /> : undefined}
      wide
    >
      {s ? (
        <ServiceBody key={id} s={s} />
      ) : service.state === 'error' ? (
        <LoadFailure failure={service.failure} retry={retry} />
      ) : (
        <Loading />
      )}
    </Page>
  );
}
