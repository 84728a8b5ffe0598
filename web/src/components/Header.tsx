import { useLocation } from 'preact-iso';
import { AREAS } from '../areas';
import { useI18n } from '../i18n';
import { AccountMenu } from './AccountMenu';
import { Emblem } from './Emblem';
import { Icon } from './Icons';
import { useDisclosure } from './useDisclosure';

export function isCurrent(path: string, areaPath: string): boolean {
  return path === areaPath || path.startsWith(areaPath + '/');
}

export function Header() {
  const { t, locale, setLocale } = useI18n();
  const { path } = useLocation();
  // The menu closes when a link in it was followed, and on Escape.
  const { open, setOpen, button: toggle } = useDisclosure<HTMLButtonElement>();

  return (
    <header class="site-header">
      <div class="utility-bar">
        <div class="container utility-inner">
          <AccountMenu />
          <button
            type="button"
            class="lang-toggle"
            lang={t.switchLanguageLang}
            onClick={() => setLocale(locale === 'de' ? 'en' : 'de')}
          >
            <Icon name="globe" size={18} />
            <span>{t.switchLanguage}</span>
          </button>
        </div>
      </div>
      <div class="masthead container">
        <a href="/" class="brand">
          <Emblem size={48} />
          <span class="brand-text">
            <span class="brand-name">{t.town}</span>
            <span class="brand-sub">{t.portal}</span>
            <span class="visually-hidden"> – {t.home}</span>
          </span>
        </a>
        <button
          type="button"
          class="tool-button menu-toggle"
          aria-expanded={open}
          aria-controls="main-nav"
          ref={toggle}
          onClick={() => setOpen(!open)}
        >
          <Icon name={open ? 'close' : 'menu'} size={20} />
          <span>{t.menu}</span>
        </button>
      </div>
      <nav id="main-nav" class="main-nav" aria-label={t.mainNav} data-open={open ? 'true' : 'false'}>
        <ul class="container">
          {AREAS.map((a) => (
            <li key={a.id}>
              <a href={a.path} aria-current={isCurrent(path, a.path) ? 'page' : undefined}>
                {t.areas[a.id].name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
