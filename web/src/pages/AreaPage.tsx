import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { AreaId } from '../i18n';
import { useI18n } from '../i18n';
import { Icon, type IconName } from '../components/Icons';
import { Page } from '../components/Page';

/** Old links "/termine?leistung=<id>" lead to the booking of that service. */
function ToBooking({ serviceId }: { serviceId: string }) {
  const { route } = useLocation();
  useEffect(() => {
    route(`/termine/buchen?${new URLSearchParams({ service: serviceId })}`, true);
  }, [serviceId]);
  return null;
}

function Tile({ href, icon, title, text }: { href: string; icon: IconName; title: string; text: string }) {
  return (
    <li>
      <a class="tile" href={href}>
        <span class="tile-icon">
          <Icon name={icon} size={28} />
        </span>
        <span class="tile-text">
          <span class="tile-title">{title}</span>
          <span class="tile-teaser">{text}</span>
        </span>
        <Icon name="arrow" size={20} class="tile-arrow" />
      </a>
    </li>
  );
}

/** What an area already offers while the rest of it is being built. */
function Available({ id }: { id: AreaId }) {
  const { t } = useI18n();
  if (id === 'termine')
    return (
      <section aria-labelledby="available-title" class="available">
        <h2 id="available-title">{t.available.title}</h2>
        <ul class="tiles">
          <Tile href="/leistungen" icon="termine" title={t.appt.bookTitle} text={t.appt.areaBookText} />
          <Tile href="/konto/termine" icon="konto" title={t.appt.mineTitle} text={t.appt.areaMineText} />
        </ul>
      </section>
    );
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
        <Tile href="/verwaltung/termine" icon="termine" title={t.cal.title} text={t.cal.areaText} />
        <Tile href="/verwaltung/protokoll" icon="lock" title={t.cal.auditTitle} text={t.cal.areaAuditText} />
        <Tile href="/verwaltung/daten" icon="opendata" title={t.od.ed.listTitle} text={t.od.ed.areaText} />
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
      {serviceId && <ToBooking serviceId={serviceId} />}
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
