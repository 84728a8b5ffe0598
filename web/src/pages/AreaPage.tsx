import { useLocation } from 'preact-iso';
import type { AreaId } from '../i18n';
import { useI18n } from '../i18n';
import { Icon } from '../components/Icons';
import { Page } from '../components/Page';

/** An area that is not built yet: it says so, and what it will offer. */
export function AreaPage({ id }: { id: AreaId }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const area = t.areas[id];
  const question = id === 'leistungen' ? (query.q ?? '').trim() : '';

  return (
    <Page
      title={area.name}
      kicker={
        <span class="area-kicker">
          <Icon name={id} size={22} />
        </span>
      }
    >
      {question && (
        <p class="notice" role="status">
          {t.searchNote(question)}
        </p>
      )}
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
