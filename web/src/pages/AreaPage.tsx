import { useLocation } from 'preact-iso';
import type { AreaId } from '../i18n';
import { useI18n } from '../i18n';
import { dataOf, useApi, type Service } from '../catalog/api';
import { Icon } from '../components/Icons';
import { Page } from '../components/Page';

/** "Termin buchen" on a service page leads here while booking is being built. */
function AppointmentRequest({ serviceId }: { serviceId: string }) {
  const { t } = useI18n();
  const [service] = useApi<Service>(`/api/services/${encodeURIComponent(serviceId)}`);
  const s = dataOf(service);
  if (!s) return null;
  return (
    <div class="notice" role="status">
      <p>{t.appointments.forService(s.title)}</p>
      <p>
        <a href={`/leistungen/${s.id}`} class="back-link">
          {t.appointments.backToService(s.title)}
        </a>
      </p>
    </div>
  );
}

/** What an area already offers while the rest of it is being built. */
function Available({ id }: { id: AreaId }) {
  const { t } = useI18n();
  if (id !== 'verwaltung') return null;
  return (
    <section aria-labelledby="available-title" class="available">
      <h2 id="available-title">{t.available.title}</h2>
      <ul class="tiles">
        <li>
          <a class="tile" href="/verwaltung/ist-analyse">
            <span class="tile-icon">
              <Icon name="cockpit" size={28} />
            </span>
            <span class="tile-text">
              <span class="tile-title">{t.inventory.title}</span>
              <span class="tile-teaser">{t.available.inventory}</span>
            </span>
            <Icon name="arrow" size={20} class="tile-arrow" />
          </a>
        </li>
        <li>
          <a class="tile" href="/leistungen">
            <span class="tile-icon">
              <Icon name="leistungen" size={28} />
            </span>
            <span class="tile-text">
              <span class="tile-title">{t.available.catalogue}</span>
              <span class="tile-teaser">{t.available.catalogueText}</span>
            </span>
            <Icon name="arrow" size={20} class="tile-arrow" />
          </a>
        </li>
      </ul>
    </section>
  );
}

/** An area that is not built yet: it says so, and what it will offer. */
export function AreaPage({ id }: { id: AreaId }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const area = t.areas[id];
  const serviceId = id === 'termine' ? (query.leistung ?? '').trim() : '';

  return (
    <Page
      title={area.name}
      kicker={
        <span class="area-kicker">
          <Icon name={id} size={22} />
        </span>
      }
    >
      {serviceId && <AppointmentRequest serviceId={serviceId} />}
      <Available id={id} />
      <section class="construction" aria-labelledby="construction-title">
        <p class="badge">{t.underConstruction}</p>
        <h2 id="construction-title">{t.underConstructionTitle}</h2>
        {area.plans.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </section>
      <p>
        <a href="/" class="back-link">
          {t.backHome}
        </a>
      </p>
    </Page>
  );
}
