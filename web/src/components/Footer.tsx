import { LEGAL_PAGES } from '../areas';
import { useI18n } from '../i18n';
import { Emblem } from './Emblem';

export function Footer() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      <div class="container footer-inner">
        <div class="footer-brand">
          <Emblem size={40} />
          <p>
            <strong>
              {t.town} · {t.portal}
            </strong>
            <br />
            {t.footer.about}
          </p>
        </div>
        <nav aria-label={t.footer.legalNav}>
          <ul class="footer-links">
            {LEGAL_PAGES.map((p) => (
              <li key={p}>
                <a href={`/${p}`}>{t.legal[p].title}</a>
              </li>
            ))}
            <li>
              <a href="/entwickler">{t.footer.developers}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
