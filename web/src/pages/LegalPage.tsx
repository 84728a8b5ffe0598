import type { LegalPage as LegalPageId } from '../areas';
import { useI18n } from '../i18n';
import { Page } from '../components/Page';

export function LegalPage({ id }: { id: LegalPageId }) {
  const { t } = useI18n();
  const page = t.legal[id];
  return (
    <Page title={page.title}>
      <div class="prose">
        {page.text.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      <p>
        <a href="/" class="back-link">
          {t.backHome}
        </a>
      </p>
    </Page>
  );
}
