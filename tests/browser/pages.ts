// The pages of the web app and what a person sees as their heading.
import path from 'node:path';

export interface AppPage {
  slug: string;
  path: string;
  de: string;
  en: string;
  /** demo account the page needs (it sends anonymous visitors to /anmelden) */
  as?: 'tom' | 'anna' | 'admin';
}

export const AREAS: AppPage[] = [
  { slug: 'assistent', path: '/assistent', de: 'Assistent', en: 'Assistant' },
  { slug: 'leistungen', path: '/leistungen', de: 'Leistungen', en: 'Services' },
  { slug: 'termine', path: '/termine', de: 'Termine', en: 'Appointments' },
  { slug: 'konto', path: '/konto', de: 'Mein Konto', en: 'My account', as: 'tom' },
  { slug: 'maengelmelder', path: '/maengelmelder', de: 'Mängelmelder', en: 'Report a problem' },
  { slug: 'opendata', path: '/daten', de: 'Offene Daten', en: 'Open data' },
  { slug: 'sensoren', path: '/sensoren', de: 'Sensoren', en: 'Sensors' },
  { slug: 'cockpit', path: '/cockpit', de: 'Stadt-Cockpit', en: 'City cockpit' },
  { slug: 'verwaltung', path: '/verwaltung', de: 'Verwaltung', en: 'Administration' },
  { slug: 'entwickler', path: '/entwickler', de: 'Entwickler', en: 'Developers' },
];

// Pages that show the catalogue. They rely on the Musterstadt demo data
// (`stadtkern serve --demo`): its services "Reisepass beantragen" and
// "Personalausweis beantragen". Offices are reached through their links.
export const CATALOG_PAGES: AppPage[] = [
  { slug: 'suche', path: '/suche?q=Perso', de: 'Suchergebnisse', en: 'Search results' },
  { slug: 'suche-ohne-antwort', path: '/suche?q=Xylofonquarkwetter', de: 'Suchergebnisse', en: 'Search results' },
  { slug: 'leistung', path: '/leistungen/reisepass-beantragen', de: 'Reisepass beantragen', en: 'Reisepass beantragen' },
  { slug: 'aemter', path: '/aemter', de: 'Ämter und Standorte', en: 'Offices and locations' },
  { slug: 'ist-analyse', path: '/verwaltung/ist-analyse', de: 'Ist-Analyse', en: 'Digital maturity', as: 'anna' },
  { slug: 'termin-buchen', path: '/termine/buchen?service=reisepass-beantragen', de: 'Termin buchen', en: 'Book an appointment' },
];

// The Bürgerkonto and the staff pages (demo accounts of `serve --demo`).
export const ACCOUNT_PAGES: AppPage[] = [
  { slug: 'anmelden', path: '/anmelden', de: 'Anmelden', en: 'Log in' },
  { slug: 'registrieren', path: '/registrieren', de: 'Bürgerkonto anlegen', en: 'Create a citizen account' },
  { slug: 'konto-bestaetigen', path: '/konto/bestaetigen#token=ungueltig', de: 'E-Mail-Adresse bestätigen', en: 'Confirm your e-mail address' },
  { slug: 'passwort-vergessen', path: '/konto/passwort-vergessen', de: 'Passwort vergessen', en: 'Forgot your password' },
  { slug: 'passwort-neu', path: '/konto/passwort-neu#token=abc', de: 'Neues Passwort festlegen', en: 'Set a new password' },
  {
    slug: 'leistung-bearbeiten',
    path: '/verwaltung/leistungen/reisepass-beantragen/bearbeiten',
    de: 'Leistung bearbeiten: Reisepass beantragen',
    en: 'Edit service: Reisepass beantragen',
    as: 'anna',
  },
  {
    slug: 'amt-bearbeiten',
    path: '/verwaltung/aemter/buergerbuero-mitte/bearbeiten',
    de: 'Standort bearbeiten: Bürgerbüro Mitte',
    en: 'Edit office: Bürgerbüro Mitte',
    as: 'admin',
  },
  { slug: 'meine-dokumente', path: '/konto/dokumente', de: 'Meine Dokumente', en: 'My documents', as: 'tom' },
  { slug: 'terminkalender', path: '/verwaltung/termine', de: 'Terminkalender', en: 'Appointment calendar', as: 'anna' },
  { slug: 'protokoll', path: '/verwaltung/protokoll', de: 'Protokoll', en: 'Audit log', as: 'admin' },
];

export const ALL_PAGES: AppPage[] = [
  { slug: 'start', path: '/', de: 'Willkommen in Musterstadt', en: 'Welcome to Musterstadt' },
  ...AREAS,
  { slug: 'impressum', path: '/impressum', de: 'Impressum', en: 'Legal notice' },
  { slug: 'datenschutz', path: '/datenschutz', de: 'Datenschutz', en: 'Privacy' },
  { slug: 'barrierefreiheit', path: '/barrierefreiheit', de: 'Barrierefreiheit', en: 'Accessibility' },
  { slug: '404', path: '/gibt-es-nicht', de: 'Seite nicht gefunden', en: 'Page not found' },
  ...CATALOG_PAGES,
  ...ACCOUNT_PAGES,
];

export const ARTIFACTS = path.join(__dirname, 'artifacts');

export function exact(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
