// All user-facing text of the web app, German first, English second.
// Components never contain literal UI strings: they read them from here
// through useI18n(). The English dictionary must have exactly the shape of
// the German one (checked by TypeScript).
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';

export type Locale = 'de' | 'en';
export type AreaId =
  | 'assistent'
  | 'leistungen'
  | 'termine'
  | 'konto'
  | 'maengelmelder'
  | 'opendata'
  | 'cockpit'
  | 'verwaltung'
  | 'entwickler';

interface AreaText {
  /** Name in navigation, tiles and as page heading. */
  name: string;
  /** One line for the tile on the start page. */
  teaser: string;
  /** What the area will offer (shown while it is being built). */
  plans: string[];
}

const de = {
  town: 'Musterstadt',
  portal: 'Stadtportal',
  skipLink: 'Zum Inhalt springen',
  menu: 'Menü',
  mainNav: 'Hauptnavigation',
  switchLanguage: 'English',
  switchLanguageLang: 'en',
  breadcrumb: 'Sie sind hier',
  home: 'Startseite',
  underConstruction: 'Im Aufbau',
  underConstructionTitle: 'Dieser Bereich wird gerade aufgebaut',
  backHome: 'Zurück zur Startseite',
  start: {
    title: 'Willkommen in Musterstadt',
    lead:
      'Das Stadtportal wird gerade aufgebaut. Nach und nach finden Sie hier die Leistungen der Stadtverwaltung, Termine, den Mängelmelder und die offenen Daten der Stadt.',
    searchLabel: 'Wie können wir helfen?',
    searchPlaceholder: 'z. B. Reisepass beantragen',
    searchButton: 'Suchen',
    searchHint: 'Die Suche ist noch im Aufbau. Sie führt Sie vorerst zum Bereich Leistungen.',
    areasTitle: 'Alle Bereiche',
  },
  searchNote: (q: string) =>
    `Sie haben nach „${q}“ gefragt. Die Suche ist noch nicht fertig, deshalb können wir diese Frage hier noch nicht beantworten.`,
  areas: {
    assistent: {
      name: 'Assistent',
      teaser: 'Frag in deinen eigenen Worten – der digitale Assistent hilft dir weiter.',
      plans: [
        'Hier kannst du bald Fragen in deinen eigenen Worten stellen, zum Beispiel „Brauche ich für Marrakesch einen Pass?“.',
        'Der Assistent findet die passende Leistung, sagt dir, was du mitbringen musst, und schlägt dir einen freien Termin vor.',
      ],
    },
    leistungen: {
      name: 'Leistungen',
      teaser: 'Alle Leistungen der Verwaltung von A bis Z: Unterlagen, Gebühren, Zuständigkeit.',
      plans: [
        'Hier finden Sie bald alle Leistungen der Stadtverwaltung von A bis Z – mit den nötigen Unterlagen, den Gebühren und der zuständigen Stelle.',
        'Wo es schon möglich ist, erledigen Sie Ihr Anliegen direkt online.',
      ],
    },
    termine: {
      name: 'Termine',
      teaser: 'Termine im Bürgerbüro und in anderen Ämtern buchen und absagen.',
      plans: [
        'Hier sehen Sie bald die freien Termine in den Ämtern der Stadt und buchen sie online.',
        'Die Bestätigung erhalten Sie als Kalenderdatei, und absagen können Sie jederzeit selbst.',
      ],
    },
    konto: {
      name: 'Mein Konto',
      teaser: 'Ihre Termine, Meldungen und Erinnerungen an einem Ort.',
      plans: [
        'Mit Ihrem Bürgerkonto sehen Sie bald Ihre Termine und Meldungen an einem Ort.',
        'Auf Wunsch erinnert die Stadt Sie rechtzeitig, bevor Ihr Personalausweis oder Reisepass abläuft.',
      ],
    },
    maengelmelder: {
      name: 'Mängelmelder',
      teaser: 'Schlaglöcher, defekte Laternen oder wilden Müll melden.',
      plans: [
        'Hier melden Sie bald Schäden im Stadtgebiet – etwa ein Schlagloch, eine defekte Straßenlaterne oder wilden Müll – mit Ort auf der Karte und Foto.',
        'Danach sehen Sie, wie weit die Bearbeitung ist.',
      ],
    },
    opendata: {
      name: 'Offene Daten',
      teaser: 'Daten der Stadt frei nutzen: zum Herunterladen und über offene Schnittstellen.',
      plans: [
        'Hier veröffentlicht die Stadt bald ihre offenen Daten: Datensätze mit Beschreibung und Lizenz, zum Herunterladen in gängigen Formaten.',
        'Die Daten sind auch über offene Schnittstellen und über das Datenportal GovData zu finden.',
      ],
    },
    cockpit: {
      name: 'Stadt-Cockpit',
      teaser: 'Kennzahlen der Stadt auf einen Blick: Digitalisierung, Nachhaltigkeit, Messwerte.',
      plans: [
        'Das Stadt-Cockpit zeigt bald auf einen Blick, wie weit die Verwaltung digitalisiert ist und wo die Stadt bei ihren Nachhaltigkeitszielen steht.',
        'Dazu kommen aktuelle Messwerte aus dem Stadtgebiet, zum Beispiel zur Luftqualität.',
      ],
    },
    verwaltung: {
      name: 'Verwaltung',
      teaser: 'Für Beschäftigte der Stadt: Leistungen, Kalender, Meldungen und Daten pflegen.',
      plans: [
        'Hier arbeiten bald die Beschäftigten der Stadtverwaltung: Sie pflegen den Leistungskatalog, verwalten die Terminkalender der Ämter, bearbeiten Meldungen und veröffentlichen Datensätze.',
        'Der Zugang ist nur mit einem Dienstkonto möglich.',
      ],
    },
    entwickler: {
      name: 'Entwickler',
      teaser: 'Offene Schnittstellen für Unternehmen, Wissenschaft und Zivilgesellschaft.',
      plans: [],
    },
  } satisfies Record<AreaId, AreaText>,
  dev: {
    lead:
      'Stadtkern ist Open-Source-Software. Seine Schnittstellen sind offen und beschrieben. Hier finden Sie die Dokumentation und den aktuellen Zustand des Servers.',
    docsTitle: 'Dokumentation und Endpunkte',
    links: {
      docs: { label: 'API-Dokumentation', desc: 'Alle Schnittstellen beschrieben und zum Ausprobieren.' },
      openapi: { label: 'OpenAPI-Dokument', desc: 'Die Beschreibung der API als OpenAPI 3.1, maschinenlesbar.' },
      health: { label: 'Lebenszeichen', desc: 'Antwortet, solange der Server läuft.' },
      ready: { label: 'Betriebsbereitschaft', desc: 'Meldet, ob Datenbank und Dienste bereit sind.' },
      metrics: { label: 'Messwerte', desc: 'Kennzahlen für den Betrieb im Prometheus-Format.' },
    },
    statusTitle: 'Serverstatus',
    statusLead: 'Diese Werte werden beim Öffnen der Seite live vom Server abgefragt.',
    healthTitle: 'Zustand',
    versionTitle: 'Version',
    loading: 'Wird abgefragt …',
    refresh: 'Erneut abfragen',
    fieldStatus: 'Status',
    fieldName: 'Name',
    fieldVersion: 'Version',
    fieldCommit: 'Commit',
    rawResponse: 'Antwort',
    unreachable: 'Nicht verfügbar',
    errorNetwork: 'Der Server hat nicht geantwortet.',
    errorTimeout: 'Zeitüberschreitung: keine Antwort innerhalb von 5 Sekunden.',
    errorHttp: (status: number, text: string) => `Der Server antwortete mit HTTP ${status}${text ? ` ${text}` : ''}.`,
    errorJson: 'Die Antwort war kein JSON.',
    standardsTitle: 'Geplante Standard-Schnittstellen',
    standardsLead:
      'Neben der eigenen API wird Stadtkern offene Standards sprechen. Sie sind noch nicht freigeschaltet:',
    standards: [
      'NGSI-LD für Kontext- und Sensordaten',
      'CKAN Action API und DCAT-AP.de für offene Daten',
      'Open311 GeoReport v2 für Meldungen',
    ],
  },
  notFound: {
    title: 'Seite nicht gefunden',
    text: 'Diese Adresse gibt es im Stadtportal nicht. Vielleicht hat sich ein Tippfehler eingeschlichen, oder die Seite wurde verschoben.',
    address: 'Aufgerufene Adresse',
  },
  legal: {
    impressum: {
      title: 'Impressum',
      text: [
        'Musterstadt ist eine erfundene Beispielstadt. Sie zeigt, wie das Stadtportal mit Stadtkern aussieht.',
        'Eine Kommune, die Stadtkern betreibt, veröffentlicht hier ihr Impressum mit den gesetzlich vorgeschriebenen Angaben.',
      ],
    },
    datenschutz: {
      title: 'Datenschutz',
      text: [
        'Diese Seiten setzen keine Cookies und laden nichts von fremden Servern. Die gewählte Sprache speichert nur Ihr Browser (im „localStorage“).',
        'Eine Kommune, die Stadtkern betreibt, veröffentlicht hier ihre vollständige Datenschutzerklärung.',
      ],
    },
    barrierefreiheit: {
      title: 'Barrierefreiheit',
      text: [
        'Das Stadtportal soll für alle nutzbar sein und richtet sich nach der BITV 2.0 und den WCAG 2.1 auf Stufe AA. Jede Seite wird bei jeder Änderung automatisch auf Barrieren geprüft.',
        'Eine vollständige Erklärung zur Barrierefreiheit mit Kontaktmöglichkeit für Rückmeldungen folgt, sobald die ersten Bereiche fertig sind.',
      ],
    },
  },
  apiDocs: {
    title: 'API-Dokumentation',
    back: 'Zur Entwickler-Seite',
    skipLink: 'Zur Dokumentation springen',
    viewerNote: 'Die Bedienoberfläche der Dokumentation ist englisch.',
  },
  footer: {
    about: 'Musterstadt ist eine Beispielstadt. Das Stadtportal läuft mit Stadtkern, einer Open-Source-Plattform für Kommunen.',
    legalNav: 'Rechtliches',
    developers: 'Entwickler & API',
  },
};

export type Dictionary = typeof de;

const en: Dictionary = {
  town: 'Musterstadt',
  portal: 'City portal',
  skipLink: 'Skip to content',
  menu: 'Menu',
  mainNav: 'Main navigation',
  switchLanguage: 'Deutsch',
  switchLanguageLang: 'de',
  breadcrumb: 'You are here',
  home: 'Start page',
  underConstruction: 'Being built',
  underConstructionTitle: 'This area is being built',
  backHome: 'Back to the start page',
  start: {
    title: 'Welcome to Musterstadt',
    lead:
      'The city portal is being built. Step by step you will find the services of the city administration here, appointments, problem reports and the city’s open data.',
    searchLabel: 'How can we help?',
    searchPlaceholder: 'e.g. apply for a passport',
    searchButton: 'Search',
    searchHint: 'Search is still being built. For now it takes you to the services area.',
    areasTitle: 'All areas',
  },
  searchNote: (q: string) =>
    `You asked about “${q}”. Search is not ready yet, so we cannot answer this question here yet.`,
  areas: {
    assistent: {
      name: 'Assistant',
      teaser: 'Ask in your own words – the digital assistant helps you along.',
      plans: [
        'Soon you can ask questions here in your own words, for example “Do I need a passport for Marrakesh?”.',
        'The assistant finds the right service, tells you what to bring and suggests a free appointment.',
      ],
    },
    leistungen: {
      name: 'Services',
      teaser: 'All services of the administration from A to Z: documents, fees, who is responsible.',
      plans: [
        'Soon you will find all services of the city administration here from A to Z – with the documents you need, the fees and the office in charge.',
        'Where it is already possible, you can do it online right away.',
      ],
    },
    termine: {
      name: 'Appointments',
      teaser: 'Book and cancel appointments at the citizens’ office and other departments.',
      plans: [
        'Soon you will see free appointments at the city’s offices here and book them online.',
        'You get the confirmation as a calendar file, and you can cancel yourself at any time.',
      ],
    },
    konto: {
      name: 'My account',
      teaser: 'Your appointments, reports and reminders in one place.',
      plans: [
        'With your citizen account you will soon see your appointments and reports in one place.',
        'If you wish, the city reminds you in good time before your ID card or passport expires.',
      ],
    },
    maengelmelder: {
      name: 'Report a problem',
      teaser: 'Report potholes, broken street lights or illegally dumped rubbish.',
      plans: [
        'Soon you can report damage in the city here – a pothole, a broken street light or dumped rubbish – with its place on the map and a photo.',
        'Afterwards you can follow how far it has been dealt with.',
      ],
    },
    opendata: {
      name: 'Open data',
      teaser: 'Use the city’s data freely: as downloads and through open interfaces.',
      plans: [
        'Soon the city publishes its open data here: datasets with description and licence, to download in common formats.',
        'The data can also be found through open interfaces and the GovData portal.',
      ],
    },
    cockpit: {
      name: 'City cockpit',
      teaser: 'The city’s key figures at a glance: digitalisation, sustainability, measurements.',
      plans: [
        'The city cockpit will soon show at a glance how far the administration has gone digital and where the city stands on its sustainability goals.',
        'Current measurements from around the city are added, for example on air quality.',
      ],
    },
    verwaltung: {
      name: 'Administration',
      teaser: 'For city staff: maintain services, calendars, reports and data.',
      plans: [
        'Soon the staff of the city administration work here: they maintain the service catalogue, manage the offices’ calendars, handle reports and publish datasets.',
        'Access requires a staff account.',
      ],
    },
    entwickler: {
      name: 'Developers',
      teaser: 'Open interfaces for businesses, science and civil society.',
      plans: [],
    },
  },
  dev: {
    lead:
      'Stadtkern is open-source software. Its interfaces are open and documented. Here you find the documentation and the current state of the server.',
    docsTitle: 'Documentation and endpoints',
    links: {
      docs: { label: 'API documentation', desc: 'All interfaces described, to try out.' },
      openapi: { label: 'OpenAPI document', desc: 'The API description as OpenAPI 3.1, machine-readable.' },
      health: { label: 'Liveness', desc: 'Answers as long as the server is running.' },
      ready: { label: 'Readiness', desc: 'Tells whether the database and services are ready.' },
      metrics: { label: 'Metrics', desc: 'Operational figures in Prometheus format.' },
    },
    statusTitle: 'Server status',
    statusLead: 'These values are fetched live from the server when the page opens.',
    healthTitle: 'Health',
    versionTitle: 'Version',
    loading: 'Fetching …',
    refresh: 'Check again',
    fieldStatus: 'Status',
    fieldName: 'Name',
    fieldVersion: 'Version',
    fieldCommit: 'Commit',
    rawResponse: 'Response',
    unreachable: 'Not available',
    errorNetwork: 'The server did not answer.',
    errorTimeout: 'Timed out: no answer within 5 seconds.',
    errorHttp: (status: number, text: string) => `The server answered with HTTP ${status}${text ? ` ${text}` : ''}.`,
    errorJson: 'The answer was not JSON.',
    standardsTitle: 'Planned standard interfaces',
    standardsLead: 'Besides its own API, Stadtkern will speak open standards. They are not switched on yet:',
    standards: [
      'NGSI-LD for context and sensor data',
      'CKAN Action API and DCAT-AP.de for open data',
      'Open311 GeoReport v2 for problem reports',
    ],
  },
  notFound: {
    title: 'Page not found',
    text: 'This address does not exist in the city portal. Perhaps there is a typo, or the page has moved.',
    address: 'Requested address',
  },
  legal: {
    impressum: {
      title: 'Legal notice',
      text: [
        'Musterstadt is a made-up example town. It shows what a city portal built with Stadtkern looks like.',
        'A municipality running Stadtkern publishes its legal notice (Impressum) with the information required by law here.',
      ],
    },
    datenschutz: {
      title: 'Privacy',
      text: [
        'These pages set no cookies and load nothing from other servers. The language you choose is stored only in your browser (in “localStorage”).',
        'A municipality running Stadtkern publishes its full privacy policy here.',
      ],
    },
    barrierefreiheit: {
      title: 'Accessibility',
      text: [
        'The city portal is meant to be usable by everyone and follows BITV 2.0 and WCAG 2.1 at level AA. Every page is checked for barriers automatically with every change.',
        'A full accessibility statement with a way to send feedback follows as soon as the first areas are finished.',
      ],
    },
  },
  apiDocs: {
    title: 'API documentation',
    back: 'To the developer page',
    skipLink: 'Skip to the documentation',
    viewerNote: 'The documentation viewer is in English.',
  },
  footer: {
    about: 'Musterstadt is an example town. The city portal runs on Stadtkern, an open-source platform for municipalities.',
    legalNav: 'Legal',
    developers: 'Developers & API',
  },
};

export const dictionaries: Record<Locale, Dictionary> = { de, en };

const STORAGE_KEY = 'stadtkern.locale';

export function readStoredLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'de' || v === 'en') return v;
  } catch {
    // storage may be disabled; German is the default
  }
  return 'de';
}

interface I18n {
  locale: Locale;
  t: Dictionary;
  setLocale: (l: Locale) => void;
}

const I18nContext = createContext<I18n>({ locale: 'de', t: de, setLocale: () => {} });

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not persisted; still switched for this visit
    }
  }, []);

  const value = useMemo(() => ({ locale, t: dictionaries[locale], setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
