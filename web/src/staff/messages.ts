// The catalogue's validation messages (src/catalog/codec.cpp) are English
// developer texts; staff read them in the UI language. Known messages are
// translated here; an unknown one is shown as the server wrote it.
import type { Locale } from '../i18n';

const GERMAN: [RegExp, string | ((...m: string[]) => string)][] = [
  [/^is required \(null when no appointment is needed\)$/, 'Bitte angeben – oder leer lassen, wenn kein Termin nötig ist.'],
  [/^is required \(null when there is none\)$/, 'Bitte angeben – oder leer lassen, wenn es keinen gibt.'],
  [/^is required$/, 'Bitte ausfüllen.'],
  [/^must not be empty$/, 'Darf nicht leer sein.'],
  [/^must be a string$/, 'Muss ein Text sein.'],
  [/^must be a list( of strings)?$/, 'Muss eine Liste sein.'],
  [/^is longer than (\d+) characters$/, (_, n) => `Ist länger als ${n} Zeichen.`],
  [/^is too long$/, 'Ist zu lang.'],
  [/^must be a whole number$/, 'Muss eine ganze Zahl sein.'],
  [/^must be a number$/, 'Muss eine Zahl sein.'],
  [/^must be between (-?[\d.]+) and (-?[\d.]+)$/, (_, a, b) => `Muss zwischen ${a} und ${b} liegen.`],
  [/^must be 14 digits starting with 99$/, 'Muss aus 14 Ziffern bestehen und mit 99 beginnen.'],
  [/^must be EUR$/, 'Die Währung muss Euro (EUR) sein.'],
  [/^must be a date YYYY-MM-DD$/, 'Muss ein Datum sein.'],
  [/^must be a time HH:MM$/, 'Muss eine Uhrzeit sein (SS:MM).'],
  [/^must be after open$/, 'Muss nach der Öffnungszeit liegen.'],
  [/^must be an e-mail address$/, 'Muss eine E-Mail-Adresse sein.'],
  [/^must be an http\(s\) URL( or null)?$/, 'Muss eine Internetadresse sein, die mit https:// oder http:// beginnt.'],
  [/^must be five digits$/, 'Muss aus fünf Ziffern bestehen.'],
  [/^must be one of mo di mi do fr sa so$/, 'Muss ein Wochentag sein.'],
  [/^must be true or false$/, 'Muss ja oder nein sein.'],
  [/^must name at least one channel$/, 'Bitte mindestens einen Zugangsweg wählen.'],
  [/^must use only a-z, 0-9 and '-'$/, 'Darf nur a–z, 0–9 und Bindestriche enthalten.'],
  [/^is not a known field$/, 'Ist kein bekanntes Feld.'],
  // open-data records (src/opendata/model.cpp)
  [/^is required \(dct:description\)$/, 'Bitte beschreiben Sie den Datensatz.'],
  [/^must be a slug of 2\.\.100 \[a-z0-9_-\]$/, 'Nur a–z, 0–9, Bindestrich und Unterstrich, 2 bis 100 Zeichen.'],
  [/^must name an organization$/, 'Bitte wählen Sie eine Organisation.'],
  [/^give a contact e-mail or contact_url$/, 'Bitte geben Sie eine Kontakt-E-Mail oder eine Kontakt-Internetadresse an.'],
  [/^must be a licence code of dcat-ap\.de\/def\/licenses$/, 'Bitte wählen Sie eine Lizenz aus der Liste.'],
  [/^is required for a licence that asks for attribution$/, 'Diese Lizenz verlangt eine Namensnennung – bitte angeben.'],
  [/^name at least one EU data theme$/, 'Bitte wählen Sie mindestens ein Thema.'],
  [/^unknown EU data theme (.*)$/, (_, c) => `Das Thema „${c}“ gibt es nicht.`],
  [/^must be an ISO date YYYY-MM-DD$/, 'Muss ein Datum sein.'],
  [/^must not be before temporal_start$/, 'Darf nicht vor dem Beginn des Zeitraums liegen.'],
  [/^must be an EU frequency code such as DAILY$/, 'Bitte wählen Sie eine Aktualisierung aus der Liste.'],
  [/^must be 'keine' or 'anonymisiert' \(personal data are never published\)$/, 'Nur „keine“ oder „anonymisiert“ – personenbezogene Daten werden nie veröffentlicht.'],
  [/^must be a list of strings of 1\.\.200 bytes$/, 'Jeder Eintrag darf höchstens 200 Zeichen lang sein und nicht leer.'],
  [/^must have at most 100 entries$/, 'Höchstens 100 Einträge.'],
  [/^an exception that is not closed needs open and close times HH:MM$/, 'Wenn nicht ganztägig geschlossen ist, braucht es Öffnungs- und Schließzeit.'],
  [/^is used by more than one (office|service)$/, 'Ist doppelt vergeben.'],
  [/^There is no office '(.*)'\.?$/, (_, id) => `Den Standort „${id}“ gibt es nicht.`],
  [/^There is no service '(.*)'\.?$/, (_, id) => `Die Leistung „${id}“ gibt es nicht.`],
];

export function localiseMessage(message: string, locale: Locale): string {
  if (locale !== 'de') return message;
  for (const [pattern, german] of GERMAN) {
    const m = pattern.exec(message);
    if (m) return typeof german === 'string' ? german : german(...m);
  }
  return message;
}
