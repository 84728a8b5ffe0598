import { AREAS } from '../areas';
import { SearchBox } from '../catalog/SearchBox';
import { useI18n } from '../i18n';
import { Icon } from '../components/Icons';
import { useDocumentTitle } from '../components/Page';

// Decorative silhouette of the old town behind the welcome text.
function Skyline() {
  return (
    <svg class="skyline" viewBox="0 0 800 200" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M0 200V140l30-25 30 25v60zM65 200v-50l25-22 25 22v50zM125 200v-65h25V70l10-30 10 30v65h15v65zM200 200v-80h100v80zM195 120l55-25 55 25zM240 95V72h20v23zM236 72l14-16 14 16zM315 200v-55l25-20 25 20v55zM370 200v-70l30-25 30 25v70zM447 200v-20h6v20zM480 200v-90h60v90zM545 200v-60l30-22 30 22v60zM620 200V85h30v115zM615 85l20-25 20 25zM665 200v-50l25-20 25 20v50zM720 200v-62l40-28 40 28v62z"
      />
      <circle cx="450" cy="165" r="18" fill="currentColor" />
    </svg>
  );
}

export function Home() {
  const { t } = useI18n();
  useDocumentTitle(t.portal);

  return (
    <div class="home">
      <section class="hero" aria-labelledby="home-title">
        <Skyline />
        <div class="container hero-inner">
          <h1 id="home-title" tabIndex={-1}>
            {t.start.title}
          </h1>
          <p class="lead">{t.start.lead}</p>
          <SearchBox id="home-search" label={t.start.searchLabel} hint={t.start.searchHint} class="search-hero" />
          <p class="hero-links">
            <a href="/leistungen">{t.start.azLink}</a>
          </p>
        </div>
      </section>

      <section class="container areas" aria-labelledby="areas-title">
        <h2 id="areas-title">{t.start.areasTitle}</h2>
        <ul class="tiles">
          {AREAS.map((a) => (
            <li key={a.id}>
              <a class="tile" href={a.path}>
                <span class="tile-icon">
                  <Icon name={a.id} size={28} />
                </span>
                <span class="tile-text">
                  <span class="tile-title">{t.areas[a.id].name}</span>
                  <span class="tile-teaser">{t.areas[a.id].teaser}</span>
                </span>
                <Icon name="arrow" size={20} class="tile-arrow" />
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
