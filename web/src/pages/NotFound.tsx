import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n';
import { Page } from '../components/Page';

/** The text of the not-found page; `hint` adds where to look instead. */
export function NotFoundContent({ hint }: { hint?: 'services' | 'offices' }) {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <>
      <div class="prose">
        <p>{t.notFound.text}</p>
        <p>
          {t.notFound.address}: <code>{path}</code>
        </p>
        {hint === 'services' && (
          <p>
            <a href="/leistungen">{t.notFound.services}</a>
          </p>
        )}
        {hint === 'offices' && (
          <p>
            <a href="/aemter">{t.notFound.offices}</a>
          </p>
        )}
      </div>
      <p>
        <a href="/" class="back-link">
          {t.backHome}
        </a>
      </p>
    </>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t.notFound.title}>
      <NotFoundContent />
    </Page>
  );
}
