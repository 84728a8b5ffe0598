// Entry of /api/docs: renders the server's OpenAPI document with Swagger UI,
// packaged from npm (swagger-ui-dist) and served from our own origin.
import { render } from 'preact';
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';
import { dictionaries, readStoredLocale } from './i18n';
import { Emblem } from './components/Emblem';
import { Icon } from './components/Icons';
import './styles.css';
import './api-docs.css';

const locale = readStoredLocale();
const t = dictionaries[locale];
document.documentElement.lang = locale;
document.title = `${t.apiDocs.title} – Stadtkern`;

function DocsHeader() {
  return (
    <>
      <a class="skip-link" href="#docs-main">
        {t.apiDocs.skipLink}
      </a>
      <header class="site-header docs-header">
        <div class="utility-bar">
          <div class="container utility-inner">
            <a class="utility-link" href="/entwickler">
              <Icon name="entwickler" size={18} />
              <span>{t.apiDocs.back}</span>
            </a>
          </div>
        </div>
        <div class="masthead container">
          <a href="/" class="brand">
            <Emblem size={48} />
            <span class="brand-text">
              <span class="brand-name">{t.town}</span>
              <span class="brand-sub">{t.apiDocs.title}</span>
              <span class="visually-hidden"> – {t.home}</span>
            </span>
          </a>
        </div>
      </header>
      {locale !== 'en' && (
        <div class="docs-note">
          <p class="container">{t.apiDocs.viewerNote}</p>
        </div>
      )}
    </>
  );
}

render(<DocsHeader />, document.getElementById('docs-header')!);

// Swagger UI renders the server picker without a label; name it so that
// screen readers can announce it (WCAG 4.1.2).
new MutationObserver(() => {
  const servers = document.querySelector('#swagger-ui select#servers');
  if (servers && !servers.hasAttribute('aria-label')) servers.setAttribute('aria-label', 'Servers');
}).observe(document.getElementById('swagger-ui')!, { childList: true, subtree: true });

SwaggerUI({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  // Without deep links Swagger UI renders no link inside the operation
  // buttons (nested interactive controls fail WCAG 4.1.2).
  deepLinking: false,
  // No request to the public validator service: everything stays on our origin.
  validatorUrl: null,
  presets: [SwaggerUI.presets.apis],
});
