import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n';
import { Page } from '../components/Page';

export function NotFound() {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <Page title={t.notFound.title}>
      <div class="prose">
        <p>{t.notFound.text}</p>
        <p>
          {t.notFound.address}: <code>{path}</code>
        </p>
      </div>
      <p>
        <a href="/" class="back-link">
          {t.backHome}
        </a>
      </p>
    </Page>
  );
}
