import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';

export function useDocumentTitle(title: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} – ${t.town}`;
  }, [title, t]);
}

/** Frame of an inner page: breadcrumb, the one h1, then the content. */
export function Page({ title, kicker, children }: { title: string; kicker?: ComponentChildren; children: ComponentChildren }) {
  const { t } = useI18n();
  useDocumentTitle(title);
  return (
    <div class="page">
      <div class="page-head">
        <div class="container">
          <nav class="breadcrumb" aria-label={t.breadcrumb}>
            <ol>
              <li>
                <a href="/">{t.home}</a>
              </li>
              <li aria-current="page">{title}</li>
            </ol>
          </nav>
          {kicker}
          <h1 tabIndex={-1}>{title}</h1>
        </div>
      </div>
      <div class="container page-body">{children}</div>
    </div>
  );
}
