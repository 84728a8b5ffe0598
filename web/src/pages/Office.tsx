// /aemter/{id}: one office: how to reach it, when it is open (today
// highlighted, exceptions), where it is on the map, what it offers.
// /aemter: all offices with today's hours.
import { useRoute } from 'preact-iso';
import { useI18n } from '../i18n';
import { CONTENT_LANG, dataOf, telHref, useApi, type Office as OfficeRecord, type OfficeWithServices } from '../catalog/api';
import { useCityTime } from '../catalog/hours';
import { OfficeMap } from '../catalog/OfficeMap';
import { OpenBadge, TodayHours, WeeklyHours } from '../catalog/OpeningHours';
import { LoadFailure, Loading } from '../catalog/Status';
import { Icon } from '../components/Icons';
import { Page } from '../components/Page';
import { NotFoundContent } from './NotFound';
import { EditLink } from '../staff/EditLink';

function formatCoordinate(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 4 }).format(value);
}

function OfficeBody({ o }: { o: OfficeWithServices }) {
  const { t, locale } = useI18n();
  const now = useCityTime();
  return (
    <div class="office-layout">
      <section class="card office-contact" aria-labelledby="contact-title">
        <h2 id="contact-title">{t.office.contact}</h2>
        <dl class="contact-list">
          <div>
            <dt>
              <Icon name="pin" size={20} />
              {t.office.address}
            </dt>
            <dd>
              <address id="office-address">
                {o.name}
                <br />
                {o.address.street}
                <br />
                {o.address.postal_code} {o.address.city}
              </address>
            </dd>
          </div>
          <div>
            <dt>
              <Icon name="phone" size={20} />
              {t.office.phone}
            </dt>
            <dd>
              <a href={telHref(o.phone)}>{o.phone}</a>
            </dd>
          </div>
          <div>
            <dt>
              <Icon name="mail" size={20} />
              {t.office.email}
            </dt>
            <dd>
              <a href={`mailto:${o.email}`}>{o.email}</a>
            </dd>
          </div>
          <div>
            <dt>
              <Icon name="accessible" size={20} />
              {t.office.accessibility}
            </dt>
            <dd lang={CONTENT_LANG}>{o.accessibility}</dd>
          </div>
          {o.transit && (
            <div>
              <dt>
                <Icon name="transit" size={20} />
                {t.office.transit}
              </dt>
              <dd lang={CONTENT_LANG}>{o.transit}</dd>
            </div>
          )}
        </dl>
      </section>

      <section class="card office-hours" aria-labelledby="hours-title">
        <div class="hours-head">
          <h2 id="hours-title">{t.hours.title}</h2>
          <OpenBadge office={o} now={now} />
        </div>
        <WeeklyHours office={o} now={now} captionId="hours-title" />
      </section>

      <section class="office-location" aria-labelledby="map-title">
        <h2 id="map-title">{t.office.location}</h2>
        <div class="map-with-text">
          <OfficeMap office={o} describedBy="map-text" />
          <p id="map-text" class="map-text">
            <Icon name="pin" size={20} />
            <span>
              {o.address.street}, {o.address.postal_code} {o.address.city}
              <span class="muted small coordinates">
                {t.office.coordinates(formatCoordinate(o.position.lat, locale), formatCoordinate(o.position.lon, locale))}
              </span>
            </span>
          </p>
        </div>
      </section>

      <section class="office-services" aria-labelledby="office-services-title">
        <h2 id="office-services-title">{t.office.services}</h2>
        {o.services.length === 0 ? (
          <p>{t.office.noServices}</p>
        ) : (
          <ul class="link-columns" lang={CONTENT_LANG}>
            {o.services.map((s) => (
              <li key={s.id}>
                <a href={s.url}>{s.title}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function Office() {
  const { t } = useI18n();
  const { params } = useRoute();
  const id = params.id ?? '';
  const [office, retry] = useApi<OfficeWithServices>(`/api/offices/${encodeURIComponent(id)}`);
  const trail = [{ href: '/aemter', label: t.office.listTitle }];

  if (office.state === 'error' && office.failure.kind === 'notfound')
    return (
      <Page title={t.notFound.title}>
        <NotFoundContent hint="offices" />
      </Page>
    );
  const o = office.state === 'ok' && office.data.id === id ? office.data : undefined;
  return (
    <Page
      title={o ? o.name : t.office.loadingTitle}
      trail={trail}
      kicker={
        o ? (
          <p class="kicker" lang={CONTENT_LANG}>
            {o.department}
          </p>
        ) : undefined
      }
      head={
        o ? (
          <div class="head-badges">
            <EditLink href={`/verwaltung/aemter/${encodeURIComponent(o.id)}/bearbeiten`} department={o.department} name={o.name} />
          </div>
        ) : undefined
      }
      wide
    >
      {o ? (
        <OfficeBody key={id} o={o} />
      ) : office.state === 'error' ? (
        <LoadFailure failure={office.failure} retry={retry} />
      ) : (
        <Loading />
      )}
    </Page>
  );
}

export function Offices() {
  const { t } = useI18n();
  const now = useCityTime();
  const [offices, retry] = useApi<{ items: OfficeRecord[] }>('/api/offices');
  const items = dataOf(offices)?.items ?? [];
  return (
    <Page title={t.office.listTitle} head={<p class="lead">{t.office.listLead}</p>}>
      {offices.state === 'loading' && <Loading />}
      {offices.state === 'error' && <LoadFailure failure={offices.failure} retry={retry} />}
      {items.length > 0 && (
        <ul class="office-cards office-cards-wide">
          {items.map((o) => (
            <li key={o.id} class="office-card">
              <p class="kicker" lang={CONTENT_LANG}>
                {o.department}
              </p>
              <h2>
                <a href={`/aemter/${o.id}`}>{o.name}</a>
              </h2>
              <p class="office-address">
                <Icon name="pin" size={18} />
                <span>
                  {o.address.street}, {o.address.postal_code} {o.address.city}
                </span>
              </p>
              <OpenBadge office={o} now={now} />
              <TodayHours office={o} now={now} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
