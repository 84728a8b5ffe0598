// The staff pages of the open-data catalogue: who gets in (anonymous →
// login, citizen → "Kein Zugriff"), the list of every dataset with status
// and generated datasets, and a dataset's life: create it, see the server's
// field errors, edit it, upload a CSV (and a PNG named .csv, refused),
// publish it (the public /daten finds it) and withdraw it (gone again), the
// history of all that, and the 412 when someone changed it in between.
// Demo accounts of `serve --demo`: tom (citizen), anna (staff, Bürgeramt =
// organisation "buergeramt"), admin.
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectNoSeriousViolations, loginAs, unique } from './helpers';
import { ARTIFACTS } from './pages';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const LIST = '/verwaltung/daten';

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

test.beforeEach(async ({ page }, testInfo) => {
  if (testInfo.project.name === 'mobile') await page.setViewportSize({ width: 375, height: 812 });
});

test('anonymous visitors are sent to the login, citizens get "Kein Zugriff"', async ({ page }, testInfo) => {
  for (const target of [LIST, '/verwaltung/daten/neu', '/verwaltung/daten/haushalt-2027-entwurf/bearbeiten']) {
    await page.goto(target);
    await expect(page).toHaveURL(`/anmelden?next=${encodeURIComponent(target)}`);
  }
  await loginAs(page, 'tom');
  await page.goto(LIST);
  await expect(h1(page)).toHaveText('Kein Zugriff');
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.goto('/verwaltung/daten/haushalt-2027-entwurf/bearbeiten');
  await expect(h1(page)).toHaveText('Kein Zugriff');
  await expect(page.getByLabel('Titel', { exact: true })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-verwaltung-kein-zugriff');
});

test('the list shows every dataset with status, generated ones marked, and filters', async ({ page }, testInfo) => {
  await loginAs(page, 'anna');
  const all = (await (await page.request.get('/api/opendata/datasets')).json()) as {
    items: { name: string; private: boolean }[];
  };
  const unpublished = all.items.filter((d) => d.private).length;
  expect(unpublished).toBeGreaterThan(0);

  // From the staff area, as the other staff pages are reached.
  await page.goto('/verwaltung');
  await page.getByRole('link', { name: /Offene Daten verwalten/ }).click();
  await expect(h1(page)).toHaveText('Offene Daten verwalten');
  await expect(page.locator('.od-count')).toHaveText(`${all.items.length} Datensätze`);
  const draft = page.getByRole('row').filter({ hasText: 'Haushaltsplan 2027 (Entwurf)' });
  await expect(draft.getByText('nicht veröffentlicht')).toBeVisible();
  await expect(draft.getByText('nur lesen')).toBeVisible(); // Amt für Statistik, not anna's
  const offices = page.getByRole('row').filter({ hasText: 'Standorte und Öffnungszeiten der Ämter' });
  await expect(offices.getByText('automatisch erzeugt')).toBeVisible();
  await expect(offices.getByText('veröffentlicht', { exact: true })).toBeVisible();
  await expect(offices.getByRole('link', { name: /Bearbeiten/ })).toBeVisible(); // Bürgeramt
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-verwaltung');

  await page.getByLabel('Status').selectOption({ label: 'nicht veröffentlicht' });
  await expect(page.locator('.od-count')).toHaveText(`${unpublished} von ${all.items.length} Datensätzen`);
  await expect(offices).toHaveCount(0);
  await expect(page).toHaveURL(/status=unpublished/);
  await page.getByLabel('Status').selectOption({ label: 'alle' });
  await page.getByLabel(/Suchen in Titel/).fill('haushalt');
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await page.getByLabel(/Suchen in Titel/).fill('gibt es nicht xyz');
  await expect(page.getByText('Kein Datensatz passt zu Suche und Status.')).toBeVisible();
});

test('create, edit, upload, publish, withdraw, history and a conflict', async ({ page, browser }, testInfo) => {
  test.slow();
  const name = unique('sperrmuell-');
  const title = `Sperrmüll-Termine ${name.slice(-4)}`;
  await loginAs(page, 'anna');
  await page.goto(LIST);
  await page.getByRole('link', { name: 'Neuer Datensatz' }).click();
  await expect(h1(page)).toHaveText('Neuer Datensatz');
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-neu');

  // The server's rules, shown at the fields and in the summary.
  await page.getByLabel('Name in der Adresse').fill('Ungültig!');
  await page.getByRole('button', { name: 'Anlegen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Bitte beschreiben Sie den Datensatz.');
  await expect(summary).toContainText('Bitte wählen Sie mindestens ein Thema.');
  await expect(page.locator('#e-name-error')).toContainText('Nur a–z, 0–9');
  await expect(page.getByLabel('Name in der Adresse')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-neu-fehler');

  await page.getByLabel('Name in der Adresse').fill(name);
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await page.getByLabel('Beschreibung', { exact: true }).fill('Abholtermine für Sperrmüll nach Bezirk.');
  await page.getByLabel('Kontakt: E-Mail').fill('buergeramt@musterstadt.example');
  await page.getByRole('checkbox', { name: 'Umwelt' }).check();
  await page.getByRole('group', { name: 'Schlagwörter' }).getByRole('button', { name: 'Eintrag hinzufügen' }).click();
  await page.getByLabel('Schlagwörter, Eintrag 1').fill('Sperrmüll');
  await page.getByLabel('Aktualisierung').selectOption('MONTHLY');
  await page.getByRole('button', { name: 'Anlegen' }).click();
  await expect(page).toHaveURL(`/verwaltung/daten/${name}/bearbeiten`);
  await expect(h1(page)).toHaveText(`Datensatz bearbeiten: ${title}`);
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  await expect(page.locator('#od-pub-title + p')).toContainText('nicht veröffentlicht');

  // Edit and save.
  await page.getByLabel('Titel', { exact: true }).fill(`${title} (neu)`);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Gespeichert. Die Seite zeigt jetzt Version 2.')).toBeVisible();

  // A PNG named .csv is refused, with the reason in German.
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  await page.getByLabel('Datei', { exact: true }).setInputFiles({ name: 'termine.csv', mimeType: 'text/csv', buffer: png });
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await expect(page.getByRole('alert')).toContainText('Diese Datei nimmt das Portal nicht an');
  await expect(page.getByText('Noch keine Dateien.')).toBeVisible();

  // A CSV is taken; the server says what it found.
  const csv = 'bezirk,datum\r\nNord,2027-01-12\r\nSüd,2027-01-19\r\n';
  await page.getByLabel('Datei', { exact: true }).setInputFiles({ name: 'Termine 2027.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByLabel('Dateiname')).toHaveValue('termine-2027.csv');
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen' })).toHaveText(
    `Hochgeladen: termine-2027.csv – erkannt als CSV, ${Buffer.byteLength(csv)} B.`,
  );
  await expect(page.getByRole('region', { name: 'Dateien und Links des Datensatzes' })).toContainText('termine-2027.csv');
  await expect(page.getByText('Version 3', { exact: true })).toBeVisible();

  // Publish: the public portal lists it and shows the file.
  const anonymous = await browser.newPage();
  await anonymous.goto(`/daten?q=${encodeURIComponent(name)}`);
  await expect(anonymous.getByRole('link', { name: `${title} (neu)` })).toHaveCount(0);
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Veröffentlicht.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Veröffentlichung zurückziehen' })).toBeVisible();
  await anonymous.goto(`/daten?q=${encodeURIComponent(name)}`);
  await anonymous.getByRole('link', { name: `${title} (neu)` }).click();
  await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText(`${title} (neu)`);
  await expect(anonymous.getByRole('heading', { name: 'termine-2027.csv' })).toBeVisible();
  await expect(anonymous.getByRole('link', { name: /Bearbeiten/ })).toHaveCount(0);

  // Staff of the organisation find "Bearbeiten" on the public page.
  await page.goto(`/daten/${name}`);
  await expect(page.getByRole('table')).toContainText('Süd');
  await page.getByRole('link', { name: /Bearbeiten/ }).click();
  await expect(page).toHaveURL(`/verwaltung/daten/${name}/bearbeiten`);

  // Withdraw: gone from the public portal again.
  await page.getByRole('button', { name: 'Veröffentlichung zurückziehen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Veröffentlichung zurückgezogen.' })).toBeVisible();
  await anonymous.goto(`/daten/${name}`);
  await expect(anonymous.getByRole('heading', { level: 1 })).not.toHaveText(`${title} (neu)`);
  await anonymous.goto(`/daten?q=${encodeURIComponent(name)}`);
  await expect(anonymous.locator('#od-count')).toHaveText('Keine Datensätze gefunden');
  await anonymous.close();

  // The history: who did what, newest first.
  const rows = page.locator('.history-table tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('Veröffentlichung zurückgezogen');
  await expect(rows.nth(1)).toContainText('veröffentlicht');
  await expect(rows.nth(2)).toContainText('Datei hochgeladen');
  await expect(rows.nth(3)).toContainText('geändert');
  await expect(rows.nth(3)).toContainText('title');
  await expect(rows.nth(4)).toContainText('angelegt');
  await expect(rows.nth(4)).toContainText('anna');
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-bearbeiten');

  // Someone changes the dataset in between: saving refuses, explains, reloads.
  const current = await page.request.get(`/api/opendata/datasets/${name}`);
  const record = (await current.json()) as Record<string, unknown>;
  const origin = new URL(page.url()).origin;
  const other = await page.request.put(`/api/opendata/datasets/${name}`, {
    data: { ...record, notes: 'Von anderer Stelle geändert.' },
    headers: { 'If-Match': current.headers()['etag'], Origin: origin },
  });
  expect(other.status()).toBe(200);
  await page.getByLabel('Titel', { exact: true }).fill(`${title} (meins)`);
  await page.getByRole('button', { name: 'Speichern' }).click();
  const conflict = page.locator('.conflict');
  await expect(conflict).toContainText('Der Datensatz wurde inzwischen geändert');
  await expect(conflict).toBeFocused();
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-konflikt');
  await conflict.getByRole('button', { name: 'Neue Fassung laden' }).click();
  await expect(page.getByLabel('Beschreibung', { exact: true })).toHaveValue('Von anderer Stelle geändert.');
  await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(`${title} (neu)`);
});

test('a generated dataset: metadata editable, no upload', async ({ page }, testInfo) => {
  await loginAs(page, 'anna');
  await page.goto('/verwaltung/daten/behoerdenstandorte/bearbeiten');
  await expect(h1(page)).toHaveText('Datensatz bearbeiten: Standorte und Öffnungszeiten der Ämter');
  await expect(page.getByText('Die Dateien dieses Datensatzes erzeugt die Plattform laufend selbst')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hochladen' })).toHaveCount(0);
  await expect(page.getByLabel('Name in der Adresse')).toHaveAttribute('readonly', '');
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-bearbeiten-generiert');
});
