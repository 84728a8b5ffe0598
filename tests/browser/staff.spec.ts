// The staff pages: who gets in (anonymous → login, citizen → "Kein Zugriff",
// staff and admin → the page), the Ist-Analyse with its department chart,
// "Bearbeiten" only for the record's department (and admins), and editing a
// service: save and see it on the public page, field errors from the
// server, and the 412 when two people edit the same record.
// Demo accounts of `serve --demo`: tom (citizen), anna (staff, Bürgeramt), admin.
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { expectNoSeriousViolations, loginAs } from './helpers';
import { ARTIFACTS } from './pages';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const INVENTORY = '/verwaltung/ist-analyse';

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-${name}.png`), fullPage });
}

interface ServiceSummary {
  id: string;
  title: string;
  department: string;
}

async function services(request: APIRequestContext, department: string): Promise<ServiceSummary[]> {
  const res = await request.get(`/api/services?${new URLSearchParams({ department, limit: '100' })}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: ServiceSummary[] }).items;
}

test.describe('the Ist-Analyse is a staff page', () => {
  test('anonymous visitors are asked to log in and come back to it', async ({ page }) => {
    await page.goto(INVENTORY);
    await expect(page).toHaveURL(`/anmelden?next=${encodeURIComponent(INVENTORY)}`);
    await expect(h1(page)).toHaveText('Anmelden');
    await page.getByLabel('Benutzername').fill('anna');
    await page.getByLabel('Passwort', { exact: true }).fill('anna');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page).toHaveURL(INVENTORY);
    await expect(h1(page)).toHaveText('Ist-Analyse');
  });

  test('a citizen gets a clear "Kein Zugriff"', async ({ page }, testInfo) => {
    await loginAs(page, 'tom');
    await page.goto(INVENTORY);
    await expect(h1(page)).toHaveText('Kein Zugriff');
    await expect(page.getByText('Diese Seite ist nur für Beschäftigte der Stadtverwaltung.')).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'kein-zugriff-tom');
  });

  test('staff and admins see figures, the chart per department and the table', async ({ page, request }, testInfo) => {
    test.slow(); // the whole catalogue in one table
    const inventory = (await (await request.get('/api/inventory')).json()) as {
      total: { services: number };
      departments: { department: string; services: number; by_level: Record<string, number> }[];
    };
    for (const who of ['admin', 'anna'] as const) {
      await loginAs(page, who);
      await page.goto(INVENTORY);
      await expect(h1(page)).toHaveText('Ist-Analyse');
    }
    // The chart per department: one image whose name carries every figure.
    const chart = page.getByRole('img', { name: /^Gestapeltes Balkendiagramm: Leistungen je Fachbereich/ });
    await expect(chart).toBeVisible();
    const buergeramt = inventory.departments.find((d) => d.department === 'Bürgeramt')!;
    await expect(chart).toHaveAccessibleName(
      new RegExp(`Bürgeramt: Reifegrad 0 \\([^)]+\\): ${buergeramt.by_level['0'] ?? 0}, Reifegrad 1`),
    );
    await expect(chart).toHaveAccessibleName(/Alle Fachbereiche: Reifegrad 0/);
    // … and the same figures in the table, with a total row.
    const table = page.getByRole('table', { name: 'Nach Fachbereich' });
    await expect(table.getByRole('row')).toHaveCount(inventory.departments.length + 2);
    const row = table.getByRole('row', { name: /^Bürgeramt/ });
    await expect(row.getByRole('cell').first()).toHaveText(String(buergeramt.services));
    await expect(table.getByRole('row', { name: /^Alle Fachbereiche/ }).getByRole('cell').first()).toHaveText(
      new Intl.NumberFormat('de-DE').format(inventory.total.services),
    );
    await shot(page, testInfo, 'ist-analyse-fachbereiche', false);
  });
});

test.describe('who may edit', () => {
  test('"Bearbeiten" appears for staff of the department and admins only', { tag: '@desktop' }, async ({ page, request }) => {
    const standesamt = (await services(request, 'Standesamt'))[0];
    const edit = page.getByRole('link', { name: /^Bearbeiten/ });

    await page.goto('/leistungen/reisepass-beantragen');
    await expect(h1(page)).toHaveText('Reisepass beantragen');
    await expect(edit).toHaveCount(0);

    await loginAs(page, 'tom');
    await page.goto('/leistungen/reisepass-beantragen');
    await expect(h1(page)).toHaveText('Reisepass beantragen');
    await expect(edit).toHaveCount(0);

    await loginAs(page, 'anna');
    await page.goto('/leistungen/reisepass-beantragen');
    await expect(edit).toHaveAttribute('href', '/verwaltung/leistungen/reisepass-beantragen/bearbeiten');
    await page.goto(`/leistungen/${standesamt.id}`);
    await expect(h1(page)).toHaveText(standesamt.title);
    await expect(edit).toHaveCount(0);
    await page.goto('/aemter/buergerbuero-mitte');
    await expect(edit).toHaveAttribute('href', '/verwaltung/aemter/buergerbuero-mitte/bearbeiten');

    await loginAs(page, 'admin');
    await page.goto(`/leistungen/${standesamt.id}`);
    await expect(edit).toHaveAttribute('href', `/verwaltung/leistungen/${standesamt.id}/bearbeiten`);
  });

  test('the edit pages turn away citizens and staff of other departments', { tag: '@desktop' }, async ({ page, request }) => {
    const standesamt = (await services(request, 'Standesamt'))[0];
    await page.goto('/verwaltung/leistungen/reisepass-beantragen/bearbeiten');
    await expect(page).toHaveURL(/^.*\/anmelden\?next=%2Fverwaltung%2Fleistungen%2Freisepass-beantragen%2Fbearbeiten$/);

    await loginAs(page, 'tom');
    await page.goto('/verwaltung/leistungen/reisepass-beantragen/bearbeiten');
    await expect(h1(page)).toHaveText('Kein Zugriff');

    await loginAs(page, 'anna');
    await page.goto(`/verwaltung/leistungen/${standesamt.id}/bearbeiten`);
    await expect(h1(page)).toHaveText('Kein Zugriff');
    await expect(page.getByText('Sie dürfen nur Einträge Ihres eigenen Fachbereichs bearbeiten.')).toBeVisible();
    await page.goto('/verwaltung/aemter/standesamt/bearbeiten');
    await expect(h1(page)).toHaveText('Kein Zugriff');
  });
});

test.describe('the edit form', () => {
  test('list rows are added and removed with the keyboard; "Verwerfen" restores the record', async ({ page }) => {
    await loginAs(page, 'anna');
    await page.goto('/verwaltung/leistungen/reisepass-beantragen/bearbeiten');
    await expect(h1(page)).toHaveText('Leistung bearbeiten: Reisepass beantragen');
    const documents = page.getByRole('group', { name: 'Erforderliche Unterlagen' });
    const rows = documents.getByRole('textbox');
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);

    await documents.getByRole('button', { name: /Eintrag hinzufügen/ }).press('Enter');
    await expect(rows).toHaveCount(before + 1);
    const added = documents.getByRole('textbox', { name: `Erforderliche Unterlagen, Eintrag ${before + 1}` });
    await expect(added).toBeFocused();
    await page.keyboard.type('Aktuelles Meldebescheinigung');
    await expect(page.getByText('Ungespeicherte Änderungen')).toBeVisible();

    await documents.getByRole('button', { name: 'Erforderliche Unterlagen: Eintrag 1 entfernen' }).press('Enter');
    await expect(rows).toHaveCount(before);
    await expect(documents.getByRole('textbox', { name: 'Erforderliche Unterlagen, Eintrag 1' })).toBeFocused();

    // Fees are rows of amount and condition; channels and offices are checkboxes; maturity a select.
    const fees = page.getByRole('group', { name: 'Gebühren' });
    await expect(fees.getByRole('textbox', { name: /^Betrag \(€\) \(Gebühr 1\)$/ })).toHaveValue(/\d/);
    await expect(page.getByRole('combobox', { name: 'Reifegrad nach OZG' })).toHaveValue(/[0-4]/);
    await expect(page.getByRole('group', { name: 'Zugangswege' }).getByRole('checkbox', { name: 'Vor Ort' })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Zuständige Standorte' }).getByRole('checkbox', { name: /Bürgerbüro Mitte/ })).toBeChecked();

    await page.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(rows).toHaveCount(before);
    await expect(page.getByText('Ungespeicherte Änderungen')).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Ihre Änderungen wurden verworfen.' })).toBeVisible();
  });

  test('an amount that is no number is caught before saving, at its field', { tag: '@desktop' }, async ({ page }) => {
    await loginAs(page, 'anna');
    await page.goto('/verwaltung/leistungen/reisepass-beantragen/bearbeiten');
    const amount = page.getByRole('textbox', { name: /^Betrag \(€\) \(Gebühr 1\)$/ });
    await amount.fill('siebzig');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const summary = page.getByRole('group', { name: /Die Änderungen konnten nicht gespeichert werden/ });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Gebühr 1, Betrag (€): Bitte geben Sie eine Zahl an, zum Beispiel 12,50.']);
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(amount).toHaveAccessibleDescription(/Bitte geben Sie eine Zahl an/);
    await summary.getByRole('link').click();
    await expect(amount).toBeFocused();
  });
});

// Editing against PUT /api/services/{id} (If-Match) and its history. Each
// project edits its own Bürgeramt service, so the two never conflict by accident.
test.describe('saving', () => {
  const target = (testInfo: TestInfo) => (testInfo.project.name === 'mobile' ? 'fischereischein' : 'fundbuero');

  test('anna saves a change, sees it on the service page and in the history', async ({ page }, testInfo) => {
    const id = target(testInfo);
    await loginAs(page, 'anna');
    await page.goto(`/leistungen/${id}`);
    await page.getByRole('link', { name: /^Bearbeiten/ }).click();
    await expect(page).toHaveURL(`/verwaltung/leistungen/${id}/bearbeiten`);
    const summary = page.getByRole('textbox', { name: 'Kurzbeschreibung' });
    const marker = `Geprüft im Browser-Test ${Date.now()}.`;
    const original = await summary.inputValue();
    await summary.fill(`${original} ${marker}`);
    const documents = page.getByRole('group', { name: 'Erforderliche Unterlagen' });
    await documents.getByRole('button', { name: /Eintrag hinzufügen/ }).click();
    // Adding moves the focus to the new row once it has rendered; wait for it.
    const added = documents.getByRole('textbox').last();
    await expect(added).toBeFocused();
    await page.keyboard.type('Nachweis aus dem Browser-Test');
    await expect(added).toHaveValue('Nachweis aus dem Browser-Test');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Gespeichert\. Die Seite zeigt jetzt Version \d+\./ })).toBeFocused();
    const history = page.getByRole('table', { name: /Alle gespeicherten Fassungen/ });
    await expect(history.getByRole('row').nth(1)).toContainText('Anna Schmidt');
    await expect(history.getByRole('row').nth(1)).toContainText('summary');
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'leistung-gespeichert');

    await page.getByRole('link', { name: 'Öffentliche Seite ansehen' }).click();
    await expect(page.getByText(marker)).toBeVisible();
    await expect(page.getByRole('group', { name: 'Das brauchen Sie' }).getByText('Nachweis aus dem Browser-Test')).toBeVisible();
  });

  test('the server\'s field errors (422) show at the fields and in the summary', { tag: '@desktop' }, async ({ page }, testInfo) => {
    await loginAs(page, 'anna');
    await page.goto(`/verwaltung/leistungen/${target(testInfo)}/bearbeiten`);
    const title = page.getByRole('textbox', { name: 'Bezeichnung', exact: true });
    await title.fill('');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const summary = page.getByRole('group', { name: /Die Änderungen konnten nicht gespeichert werden/ });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: /^Bezeichnung: / })).toBeVisible();
    await expect(title).toHaveAttribute('aria-invalid', 'true');
    await shot(page, testInfo, 'leistung-fehler');
  });

  test('two pages edit the same service: the second save gets 412 and may reload, nothing is overwritten', async ({
    page,
    browser,
    request,
  }, testInfo) => {
    const id = target(testInfo);
    const second = await browser.newContext();
    try {
      const other = await second.newPage();
      await loginAs(page, 'anna');
      await loginAs(other, 'admin');
      for (const p of [page, other]) await p.goto(`/verwaltung/leistungen/${id}/bearbeiten`);

      const first = `Erste Fassung ${Date.now()}`;
      await page.getByRole('textbox', { name: 'Bearbeitungsdauer' }).fill(first);
      await page.getByRole('button', { name: 'Speichern' }).click();
      await expect(page.getByRole('status').filter({ hasText: /^Gespeichert\./ })).toBeVisible();

      await other.getByRole('textbox', { name: 'Bearbeitungsdauer' }).fill('Zweite Fassung, die nicht gewinnen darf');
      await other.getByRole('button', { name: 'Speichern' }).click();
      const conflict = other.getByRole('alert').filter({ hasText: 'Jemand anderes hat diesen Eintrag inzwischen geändert' });
      await expect(conflict).toBeFocused();
      await expectNoSeriousViolations(other);
      await shot(other, testInfo, 'leistung-konflikt');
      const stored = (await (await request.get(`/api/services/${id}`)).json()) as { processing_time?: string };
      expect(stored.processing_time).toBe(first);

      await conflict.getByRole('button', { name: 'Neue Fassung laden' }).click();
      await expect(other.getByRole('textbox', { name: 'Bearbeitungsdauer' })).toHaveValue(first);
    } finally {
      await second.close();
    }
  });
});

test('an admin adds a closing day to an office; the office page lists it', { tag: '@desktop' }, async ({ page }, testInfo) => {
  await loginAs(page, 'admin');
  await page.goto('/aemter/stadtarchiv');
  await page.getByRole('link', { name: /^Bearbeiten/ }).click();
  await expect(page).toHaveURL('/verwaltung/aemter/stadtarchiv/bearbeiten');
  await expect(page.getByRole('group', { name: 'Öffnungszeiten', exact: true }).getByRole('combobox').first()).toBeVisible();

  const exceptions = page.getByRole('group', { name: 'Abweichende Öffnungszeiten' });
  const before = await exceptions.getByRole('listitem').count();
  await exceptions.getByRole('button', { name: /Eintrag hinzufügen/ }).click();
  const n = before + 1;
  // A day about two months ahead, so it is listed as upcoming.
  const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const note = `Inventur ${Date.now()}`;
  await exceptions.getByLabel(`Datum (Abweichung ${n})`).fill(day);
  await expect(exceptions.getByRole('checkbox', { name: `ganztägig geschlossen (Abweichung ${n})` })).toBeChecked();
  await exceptions.getByRole('textbox', { name: `Anlass (Abweichung ${n})` }).fill(note);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Gespeichert\./ })).toBeFocused();
  await expect(page.getByRole('table', { name: /Alle gespeicherten Fassungen/ }).getByRole('row').nth(1)).toContainText(
    'exceptions',
  );
  await shot(page, testInfo, 'amt-gespeichert', false);

  await page.getByRole('link', { name: 'Öffentliche Seite ansehen' }).click();
  await expect(page.getByRole('heading', { name: 'Abweichende Öffnungszeiten' })).toBeVisible();
  await expect(page.getByText(note)).toBeVisible();
});
