import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';

export function useDocumentTitle(title: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} – ${t.town}`;
  }, [title, t]);
}

export interface Crumb {
  href: string;
  label: string;
}

/**
 * Frame of an inner page: breadcrumb (start page, then `trail`, then this
 * page), the one h1, what belongs under it (`head`), then the content.
 */
export function Page({
  title,
  kicker,
  titleLang,
  trail = [],
  head,
  wide,
  children,
}: {
  title: string;
  /** language of the title when it is content, not UI text */
  titleLang?: string;
  kicker?: ComponentChildren;
  trail?: Crumb[];
  head?: ComponentChildren;
  /** Content uses the whole width (tables, two columns). */
  wide?: boolean;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  useDocumentTitle(title);
  return (
    <div class={wide ? 'page page-wide' : 'page'}>
      <div class="page-head">
        <div class="container">
          <nav class="breadcrumb" aria-label={t.breadcrumb}>
            <ol>
              <li>
                <a href="/">{t.home}</a>
              </li>
              {trail.map((c) => (
                <li key={c.href}>
                  <a href={c.href}>{c.label}</a>
                </li>
              ))}
              <li aria-current="page" lang={titleLang}>
                {title}
              </li>
            </ol>
          </nav>
          {kicker}
          <h1 tabIndex={-1} lang={titleLang}>
            {title}
          </h1>
          {head}
        </div>
      </div>
      <div class="container page-body">{children}</div>
    </div>
  );
}
