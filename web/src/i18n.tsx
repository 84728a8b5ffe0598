// All user-facing text of the web app, German first, English second.
// Components never contain literal UI strings: they read them from here
// through useI18n(). The English dictionary must have exactly the shape of
// the German one (checked by TypeScript).
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { accountDe, accountEn } from './i18n-account';
import { staffDe, staffEn } from './i18n-staff';
import { appointmentsDe, appointmentsEn } from './i18n-appointments';
import { documentsDe, documentsEn } from './i18n-documents';
import { openDataDe, openDataEn } from './i18n-opendata';
import { calendarDe, calendarEn } from './i18n-calendar';
import { assistantDe, assistantEn } from './i18n-assistant';

export type Locale = 'de' | 'en';
export type AreaId =
  | 'assistent'
  | 'leistungen'
  | 'termine'
  | 'konto'
  | 'maengelmelder'
  | 'opendata'
  | 'sensoren'
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
  account: accountDe,
  staff: staffDe,
  appt: appointmentsDe,
  chat: assistantDe,
  docs: documentsDe,
  cal: calendarDe,
  od: openDataDe,
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
      'Hier finden Sie die Leistungen der Stadtverwaltung – mit Unterlagen, Gebühren und Öffnungszeiten. Termine, Mängelmelder und offene Daten kommen nach und nach dazu.',
    searchLabel: 'Wie können wir helfen?',
    searchPlaceholder: 'z. B. Reisepass beantragen',
    searchButton: 'Suchen',
    searchHint: 'Fragen Sie in Ihren eigenen Worten, etwa „Ich ziehe um“ oder „Hund anmelden“.',
    azLink: 'Alle Leistungen von A bis Z',
    areasTitle: 'Alle Bereiche',
  },
  search: {
    title: 'Suchergebnisse',
    resultsList: 'Gefundene Leistungen',
    suggestions: 'Vorschläge',
    suggestionsCount: (n: number) =>
      `${n === 1 ? 'Ein Vorschlag' : `${n} Vorschläge`}. Mit den Pfeiltasten auswählen, mit Eingabe öffnen.`,
    noSuggestions: 'Keine Vorschläge.',
    allResults: (q: string) => `Alle Ergebnisse für „${q}“`,
    searching: 'Wird gesucht …',
    emptyQuery: 'Geben Sie oben ein, wonach Sie suchen – zum Beispiel „Personalausweis“ oder „Umzug“.',
    count: (n: number, q: string) => `${n === 1 ? 'Eine Leistung' : `${n} Leistungen`} zu „${q}“`,
    countNone: (q: string) => `Keine passende Leistung zu „${q}“`,
    interpreted: 'Gesucht nach:',
    noAnswerTitle: 'Dazu haben wir leider nichts Passendes gefunden',
    noAnswerText: (q: string) =>
      `Zu „${q}“ kennt das Stadtportal keine Leistung der Stadtverwaltung. Wir raten lieber nicht – so kommen Sie weiter:`,
    hintRephrase: 'Versuchen Sie es mit einem anderen Wort, zum Beispiel „Umzug“ statt „neue Wohnung“.',
    hint115before: 'Rufen Sie die Behördennummer',
    hint115after: ' an. Montag bis Freitag von 8 bis 18 Uhr hilft sie bei Fragen zu Ämtern und Leistungen.',
    hintOffice: 'Fragen Sie im Bürgerbüro nach:',
    hintAz: 'Alle Leistungen von A bis Z ansehen',
    notFoundYet: 'Nicht das Richtige dabei?',
  },
  az: {
    lead: 'Alle Leistungen der Stadtverwaltung von A bis Z – mit Unterlagen, Gebühren und der zuständigen Stelle.',
    filtersTitle: 'Leistungen filtern',
    lettersLabel: 'Anfangsbuchstaben',
    allLetters: 'Alle',
    letterLabel: (l: string) => `Buchstabe ${l}`,
    letterEmpty: (l: string) => `${l}: keine Leistungen`,
    department: 'Fachbereich',
    topic: 'Thema',
    anyDepartment: 'Alle Fachbereiche',
    anyTopic: 'Alle Themen',
    reset: 'Filter zurücksetzen',
    count: (n: number, letter: string) =>
      `${n === 0 ? 'Keine Leistungen' : n === 1 ? 'Eine Leistung' : `${n} Leistungen`}${letter ? ` mit ${letter}` : ''}`,
    showing: (shown: number, total: number) => `${shown} von ${total} angezeigt`,
    more: (n: number) => `${n} weitere anzeigen`,
    none: 'Für diese Auswahl gibt es keine Leistungen. Setzen Sie die Filter zurück oder wählen Sie einen anderen Buchstaben.',
    online: 'Online möglich',
  },
  service: {
    loadingTitle: 'Leistung',
    atAGlance: 'Auf einen Blick',
    online: 'Online beantragen',
    externalLink: '(externe Seite)',
    book: 'Termin buchen',
    askAssistant: 'Frag den Assistenten',
    bookNote: (min: number) => `Sie brauchen einen Termin. Rechnen Sie mit etwa ${min} Minuten am Schalter.`,
    needsAppointment: 'Mit Termin',
    documents: 'Das brauchen Sie',
    documentsLead: 'Haken Sie ab, was Sie schon bereitgelegt haben. Die Häkchen bleiben nur auf dieser Seite und werden nicht gespeichert.',
    documentsProgress: (done: number, total: number) =>
      done === total ? `Alles beisammen: ${done} von ${total} abgehakt.` : `${done} von ${total} abgehakt.`,
    noDocuments: 'Für diese Leistung sind keine Unterlagen angegeben.',
    prerequisites: 'Voraussetzungen',
    costs: 'Kosten',
    noCosts: 'Hängt vom Einzelfall ab – siehe Beschreibung',
    whereWhen: 'Wo und wann',
    noOffice: 'Diese Leistung bietet keine Dienststelle der Stadt vor Ort an. Wer zuständig ist, steht in der Beschreibung.',
    onlineOnly: 'Sie erledigen diese Leistung online – mit dem Knopf „Online beantragen“.',
    processingTime: 'Bearbeitungsdauer',
    deadlines: 'Fristen',
    department: 'Zuständig',
    maturityTitle: 'Wie digital ist diese Leistung?',
    description: 'Beschreibung',
    hints: 'Hinweise',
    forms: 'Formulare',
    legalBasis: 'Rechtsgrundlagen',
    related: 'Das könnte Sie auch interessieren',
    lastReview: (date: string) => `Zuletzt geprüft am ${date}`,
    leika: 'Leistungsschlüssel (LeiKa)',
  },
  maturity: {
    badge: (n: number) => `Reifegrad ${n}`,
    names: ['Nichts online', 'Informationen online', 'Formular online', 'Online-Antrag', 'Komplett digital'],
    explain: [
      'Zu dieser Leistung gibt es noch keine Informationen im Internet. Fragen Sie bitte im zuständigen Amt nach.',
      'Im Internet finden Sie Informationen zu dieser Leistung. Den Antrag stellen Sie vor Ort oder schriftlich.',
      'Sie können das Formular herunterladen und ausfüllen. Abgeben müssen Sie es noch per Post oder vor Ort.',
      'Sie können den Antrag online stellen, auch mit den nötigen Nachweisen. Den Bescheid bekommen Sie noch auf Papier.',
      'Alles geht online: vom Antrag mit Nachweisen bis zum Bescheid. Sie müssen nicht ins Amt.',
    ],
    scale:
      'Der Reifegrad nach dem Onlinezugangsgesetz (OZG) zeigt, wie weit eine Leistung digital ist: von 0 (nichts online) bis 4 (komplett digital).',
  },
  hours: {
    title: 'Öffnungszeiten',
    openNow: 'Jetzt geöffnet',
    closedNow: 'Jetzt geschlossen',
    until: (time: string) => `bis ${time} Uhr`,
    opensAt: (time: string) => `öffnet heute um ${time} Uhr`,
    today: 'Heute',
    closed: 'geschlossen',
    and: 'und',
    oclock: ' Uhr',
    todayInstead: 'Heute abweichend',
    day: 'Tag',
    times: 'Uhrzeit',
    days: { mo: 'Montag', di: 'Dienstag', mi: 'Mittwoch', do: 'Donnerstag', fr: 'Freitag', sa: 'Samstag', so: 'Sonntag' },
    exceptions: 'Abweichende Öffnungszeiten',
    zoneNote: 'Alle Zeiten in Musterstädter Ortszeit.',
  },
  office: {
    listTitle: 'Ämter und Standorte',
    listLead: 'Wo Sie die Stadtverwaltung finden, und wann sie heute für Sie da ist.',
    loadingTitle: 'Amt',
    contact: 'Kontakt und Anfahrt',
    address: 'Adresse',
    phone: 'Telefon',
    email: 'E-Mail',
    accessibility: 'Barrierefreiheit',
    transit: 'Anfahrt',
    location: 'Lage',
    mapLabel: (name: string) => `Karte: Lage von ${name}. Verschieben mit den Pfeiltasten, zoomen mit Plus und Minus.`,
    zoomIn: 'Vergrößern',
    zoomOut: 'Verkleinern',
    noTiles: 'Kartenhintergrund nicht konfiguriert',
    noTilesNote: 'Die Karte zeigt nur die Markierung, ohne Straßen. Die Adresse steht daneben.',
    mapFailed: 'Die Karte konnte nicht geladen werden. Die Adresse steht daneben.',
    coordinates: (lat: string, lon: string) => `Koordinaten: ${lat}° N, ${lon}° O`,
    services: 'Leistungen an diesem Standort',
    noServices: 'Diesem Standort sind noch keine Leistungen zugeordnet.',
  },
  inventory: {
    title: 'Ist-Analyse',
    lead: 'Wie digital sind die Leistungen der Stadt? Der Reifegrad nach dem Onlinezugangsgesetz für jede Leistung, je Fachbereich und insgesamt.',
    internal: 'Interne Ansicht für die Verwaltung: nur für Beschäftigte der Stadt mit Dienstkonto.',
    totalsTitle: 'Kennzahlen',
    totalServices: 'Leistungen im Katalog',
    average: 'Durchschnittlicher Reifegrad',
    ofFour: 'von 4',
    shareOnline: 'Online verfügbar',
    levelThreePlus: 'Online beantragbar (Reifegrad 3–4)',
    ofTotal: (n: string) => `von ${n}`,
    levelsTitle: 'Leistungen je Reifegrad',
    levelsCaption: 'Die Zahlen zum Diagramm',
    chartLabel: (items: string) => `Balkendiagramm der Leistungen je Reifegrad: ${items}.`,
    chartItem: (level: number, name: string, n: number) => `Reifegrad ${level} (${name}): ${n}`,
    departmentsTitle: 'Nach Fachbereich',
    allTitle: 'Alle Leistungen',
    servicesCaption: 'Reifegrad aller Leistungen',
    sortHint: 'Zum Sortieren auf eine Spaltenüberschrift klicken.',
    csv: 'CSV herunterladen',
    colService: 'Leistung',
    colDepartment: 'Fachbereich',
    colTopic: 'Thema',
    colMaturity: 'Reifegrad',
    colMaturity2025: 'Reifegrad 2.0',
    colOnline: 'Online-Dienst',
    colServices: 'Leistungen',
    colShare: 'Anteil',
    colAverage: 'Ø Reifegrad',
    colShareOnline: 'Anteil online',
    yes: 'ja',
    no: 'nein',
  },
  appointments: {
    forService: (title: string) =>
      `Sie möchten einen Termin für „${title}“. Die Online-Terminbuchung wird gerade aufgebaut. Bis dahin vereinbaren Sie Ihren Termin bitte telefonisch – die Nummern stehen bei der Leistung unter „Wo und wann“.`,
    backToService: (title: string) => `Zurück zu „${title}“`,
  },
  available: {
    title: 'Schon verfügbar',
    inventory: 'Der digitale Reifegrad aller Leistungen: Kennzahlen, Fachbereiche und Liste zum Herunterladen. Nur mit Dienstkonto.',
    catalogue: 'Leistungen pflegen',
    catalogueText: 'Öffnen Sie eine Leistung oder einen Standort Ihres Fachbereichs und wählen Sie „Bearbeiten“. Nur mit Dienstkonto.',
  },
  load: {
    loading: 'Wird geladen …',
    failed: 'Das hat nicht geklappt.',
    notFound: 'Das Gesuchte gibt es nicht.',
    network: 'Der Server hat nicht geantwortet.',
    timeout: 'Der Server hat nicht rechtzeitig geantwortet.',
    http: (status: number) => `Der Server antwortete mit dem Fehler ${status}.`,
    retry: 'Erneut versuchen',
  },
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
        'Die Schnittstellen gibt es schon: die CKAN-API unter /api/3/action/ (zum Beispiel package_search) und den Katalog nach DCAT-AP.de unter /opendata/catalog.ttl (auch .rdf und .jsonld), den das Datenportal GovData einsammeln kann.',
        'Als Nächstes folgen hier die Seiten zum Suchen und Ansehen der Datensätze: mit Beschreibung, Lizenz, Vorschau und Download.',
      ],
    },
    sensoren: {
      name: 'Sensoren',
      teaser: 'Messwerte aus der Stadt: Luft, Verkehr, Parken, Lärm, Wetter und mehr – live und im Verlauf.',
      plans: [],
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
    services: 'Alle Leistungen von A bis Z',
    offices: 'Alle Ämter und Standorte',
  },
  legal: {
    impressum: {
      title: 'Impressum',
      text: [
        'Musterstadt ist eine erfundene Beispielstadt. Sie zeigt, wie das Stadtportal mit Stadtkern aussieht.',
        'Eine Kommune, die Stadtkern betreibt, veröffentlicht hier ihr Impressum mit den gesetzlich vorgeschriebenen Angaben.',
        'Ortsdaten des Assistenten (Städte der Welt): GeoNames (www.geonames.org), Lizenz CC BY 4.0.',
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
  account: accountEn,
  staff: staffEn,
  appt: appointmentsEn,
  chat: assistantEn,
  docs: documentsEn,
  cal: calendarEn,
  od: openDataEn,
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
      'Here you find the services of the city administration – with the documents you need, fees and opening hours. Appointments, problem reports and open data follow step by step.',
    searchLabel: 'How can we help?',
    searchPlaceholder: 'e.g. apply for a passport',
    searchButton: 'Search',
    searchHint: 'Ask in your own words, e.g. “I am moving house” or “register a dog”.',
    azLink: 'All services from A to Z',
    areasTitle: 'All areas',
  },
  search: {
    title: 'Search results',
    resultsList: 'Services found',
    suggestions: 'Suggestions',
    suggestionsCount: (n: number) =>
      `${n === 1 ? 'One suggestion' : `${n} suggestions`}. Use the arrow keys to choose, Enter to open.`,
    noSuggestions: 'No suggestions.',
    allResults: (q: string) => `All results for “${q}”`,
    searching: 'Searching …',
    emptyQuery: 'Type above what you are looking for – for example “ID card” or “moving house”.',
    count: (n: number, q: string) => `${n === 1 ? 'One service' : `${n} services`} for “${q}”`,
    countNone: (q: string) => `No matching service for “${q}”`,
    interpreted: 'Searched for:',
    noAnswerTitle: 'Sorry, we found nothing that fits',
    noAnswerText: (q: string) =>
      `The city portal knows no service of the administration for “${q}”. Rather than guess, here is how to go on:`,
    hintRephrase: 'Try another word, for example “moving” instead of “new flat”.',
    hint115before: 'Call the public service number',
    hint115after: '. Monday to Friday from 8 am to 6 pm it answers questions about authorities and services (in German).',
    hintOffice: 'Ask at the citizens’ office:',
    hintAz: 'Browse all services from A to Z',
    notFoundYet: 'Not what you were looking for?',
  },
  az: {
    lead: 'All services of the city administration from A to Z – with documents, fees and the office in charge.',
    filtersTitle: 'Filter services',
    lettersLabel: 'Initial letters',
    allLetters: 'All',
    letterLabel: (l: string) => `Letter ${l}`,
    letterEmpty: (l: string) => `${l}: no services`,
    department: 'Department',
    topic: 'Topic',
    anyDepartment: 'All departments',
    anyTopic: 'All topics',
    reset: 'Reset filters',
    count: (n: number, letter: string) =>
      `${n === 0 ? 'No services' : n === 1 ? 'One service' : `${n} services`}${letter ? ` starting with ${letter}` : ''}`,
    showing: (shown: number, total: number) => `Showing ${shown} of ${total}`,
    more: (n: number) => `Show ${n} more`,
    none: 'There are no services for this selection. Reset the filters or choose another letter.',
    online: 'Available online',
  },
  service: {
    loadingTitle: 'Service',
    atAGlance: 'At a glance',
    online: 'Apply online',
    externalLink: '(external site)',
    book: 'Book an appointment',
    askAssistant: 'Ask the assistant',
    bookNote: (min: number) => `You need an appointment. Expect about ${min} minutes at the counter.`,
    needsAppointment: 'By appointment',
    documents: 'What you need',
    documentsLead: 'Tick what you have ready. The ticks stay on this page only and are not saved.',
    documentsProgress: (done: number, total: number) =>
      done === total ? `All there: ${done} of ${total} ticked.` : `${done} of ${total} ticked.`,
    noDocuments: 'No documents are listed for this service.',
    prerequisites: 'Requirements',
    costs: 'Costs',
    noCosts: 'Depends on the case – see the description',
    whereWhen: 'Where and when',
    noOffice: 'No office of the town provides this service in person; the description says who is responsible.',
    onlineOnly: 'You do this service online – with the “Apply online” button.',
    processingTime: 'Processing time',
    deadlines: 'Deadlines',
    department: 'Responsible',
    maturityTitle: 'How digital is this service?',
    description: 'Description',
    hints: 'Good to know',
    forms: 'Forms',
    legalBasis: 'Legal basis',
    related: 'You may also be interested in',
    lastReview: (date: string) => `Last reviewed on ${date}`,
    leika: 'Service key (LeiKa)',
  },
  maturity: {
    badge: (n: number) => `Level ${n}`,
    names: ['Nothing online', 'Information online', 'Form online', 'Online application', 'Fully digital'],
    explain: [
      'There is no information about this service on the internet yet. Please ask the office in charge.',
      'You find information about this service on the internet. You apply in person or in writing.',
      'You can download and fill in the form. You still hand it in by post or in person.',
      'You can apply online, including the required documents. The decision still comes on paper.',
      'Everything works online: from the application with documents to the decision. No visit to an office.',
    ],
    scale:
      'The maturity level under the German Online Access Act (OZG) shows how digital a service is: from 0 (nothing online) to 4 (fully digital).',
  },
  hours: {
    title: 'Opening hours',
    openNow: 'Open now',
    closedNow: 'Closed now',
    until: (time: string) => `until ${time}`,
    opensAt: (time: string) => `opens today at ${time}`,
    today: 'Today',
    closed: 'closed',
    and: 'and',
    oclock: '',
    todayInstead: 'Today instead',
    day: 'Day',
    times: 'Hours',
    days: { mo: 'Monday', di: 'Tuesday', mi: 'Wednesday', do: 'Thursday', fr: 'Friday', sa: 'Saturday', so: 'Sunday' },
    exceptions: 'Changed opening hours',
    zoneNote: 'All times are Musterstadt local time.',
  },
  office: {
    listTitle: 'Offices and locations',
    listLead: 'Where to find the city administration, and when it is there for you today.',
    loadingTitle: 'Office',
    contact: 'Contact and directions',
    address: 'Address',
    phone: 'Phone',
    email: 'Email',
    accessibility: 'Accessibility',
    transit: 'Getting there',
    location: 'Location',
    mapLabel: (name: string) => `Map: location of ${name}. Pan with the arrow keys, zoom with plus and minus.`,
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    noTiles: 'Map background not configured',
    noTilesNote: 'The map shows only the marker, without streets. The address is next to it.',
    mapFailed: 'The map could not be loaded. The address is next to it.',
    coordinates: (lat: string, lon: string) => `Coordinates: ${lat}° N, ${lon}° E`,
    services: 'Services at this location',
    noServices: 'No services are assigned to this location yet.',
  },
  inventory: {
    title: 'Digital maturity',
    lead: 'How digital are the city’s services? The maturity level under the Online Access Act for every service, per department and in total.',
    internal: 'Internal view for the administration: only for city staff with a staff account.',
    totalsTitle: 'Key figures',
    totalServices: 'Services in the catalogue',
    average: 'Average maturity level',
    ofFour: 'of 4',
    shareOnline: 'Available online',
    levelThreePlus: 'Online application (level 3–4)',
    ofTotal: (n: string) => `of ${n}`,
    levelsTitle: 'Services per maturity level',
    levelsCaption: 'The figures of the chart',
    chartLabel: (items: string) => `Bar chart of services per maturity level: ${items}.`,
    chartItem: (level: number, name: string, n: number) => `level ${level} (${name}): ${n}`,
    departmentsTitle: 'By department',
    allTitle: 'All services',
    servicesCaption: 'Maturity level of every service',
    sortHint: 'Click a column heading to sort.',
    csv: 'Download CSV',
    colService: 'Service',
    colDepartment: 'Department',
    colTopic: 'Topic',
    colMaturity: 'Level',
    colMaturity2025: 'Level 2.0',
    colOnline: 'Online service',
    colServices: 'Services',
    colShare: 'Share',
    colAverage: 'Average level',
    colShareOnline: 'Share online',
    yes: 'yes',
    no: 'no',
  },
  appointments: {
    forService: (title: string) =>
      `You would like an appointment for “${title}”. Online booking is being built. Until then, please arrange your appointment by phone – the numbers are listed with the service under “Where and when”.`,
    backToService: (title: string) => `Back to “${title}”`,
  },
  available: {
    title: 'Already available',
    inventory: 'The digital maturity of all services: key figures, departments and a list to download. Staff account required.',
    catalogue: 'Maintain services',
    catalogueText: 'Open a service or an office of your department and choose “Edit”. Staff account required.',
  },
  load: {
    loading: 'Loading …',
    failed: 'That did not work.',
    notFound: 'What you are looking for does not exist.',
    network: 'The server did not answer.',
    timeout: 'The server did not answer in time.',
    http: (status: number) => `The server answered with error ${status}.`,
    retry: 'Try again',
  },
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
        'The interfaces are already there: the CKAN API at /api/3/action/ (for example package_search) and the DCAT-AP.de catalogue at /opendata/catalog.ttl (also .rdf and .jsonld), which the GovData portal can harvest.',
        'Next come the pages to search and view the datasets here: with description, licence, preview and download.',
      ],
    },
    sensoren: {
      name: 'Sensors',
      teaser: 'Readings from around town: air, traffic, parking, noise, weather and more – live and over time.',
      plans: [],
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
    services: 'All services from A to Z',
    offices: 'All offices and locations',
  },
  legal: {
    impressum: {
      title: 'Legal notice',
      text: [
        'Musterstadt is a made-up example town. It shows what a city portal built with Stadtkern looks like.',
        'A municipality running Stadtkern publishes its legal notice (Impressum) with the information required by law here.',
        'Place data of the assistant (cities of the world): GeoNames (www.geonames.org), licence CC BY 4.0.',
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
