// The catalogue as a citizen uses it: search with suggestions, results, the
// A–Z list, a service, an office with its map and opening hours, and the
// Ist-Analyse. Written against the Musterstadt demo data (`serve --demo`):
// "Reisepass beantragen" and "Personalausweis beantragen" exist there; other
// facts (offices, departments, fees) are read from the API, not assumed.
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { expectNoSeriousViolations, loginAs, watchOrigin } from './helpers';
import { ARTIFACTS } from './pages';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Wie können wir helfen?' });
const REISEPASS = '/leistungen/reisepass-beantragen';

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-${name}.png`), fullPage });
}

async function apiJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.status(), `GET ${url}`).toBe(200);
  return (await res.json()) as T;
}

interface Office {
  id: string;
  name: string;
  opening_hours: { day: string; open: string; close: string }[];
  exceptions: { date: string; closed: boolean; open?: string; close?: string; note?: string }[];
}

test.describe('search', () => {
  test('typing shows suggestions; arrow keys and Enter open the service', async ({ page, baseURL }, testInfo) => {
    const origin = await watchOrigin(page, baseURL!);
    await page.goto('/');
    const box = searchBox(page);
    await box.click();
    await box.pressSequentially('Reisepas', { delay: 40 });

    const listbox = page.getByRole('listbox', { name: 'Vorschläge' });
    const option = listbox.getByRole('option', { name: 'Reisepass beantragen', exact: true });
    await expect(option).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(box).toHaveAttribute('aria-controls', (await listbox.getAttribute('id'))!);
    await expect(box).toBeFocused();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'start-vorschlaege', false);

    // Arrow Down moves the active option; the focus stays in the field.
    const optionId = (await option.getAttribute('id'))!;
    for (let i = 0; i < 7 && (await box.getAttribute('aria-activedescendant')) !== optionId; i++) {
      await box.press('ArrowDown');
    }
    await expect(box).toHaveAttribute('aria-activedescendant', optionId);
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expect(box).toBeFocused();

    await box.press('Enter');
    await expect(page).toHaveURL(REISEPASS);
    await expect(h1(page)).toHaveText('Reisepass beantragen');
    await expect(h1(page)).toBeFocused();
    await origin.expectSelfContained();
  });

  test('Escape closes the suggestions, a click on one opens it', async ({ page }) => {
    await page.goto('/');
    const box = searchBox(page);
    await box.click();
    await box.pressSequentially('Reisepas', { delay: 40 });
    const listbox = page.getByRole('listbox', { name: 'Vorschläge' });
    await expect(listbox).toBeVisible();

    await box.press('Escape');
    await expect(listbox).toBeHidden();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toHaveValue('Reisepas');
    await box.press('ArrowDown'); // opens it again
    await expect(listbox).toBeVisible();

    await listbox.getByRole('option', { name: 'Reisepass beantragen', exact: true }).click();
    await expect(page).toHaveURL(REISEPASS);
    await expect(h1(page)).toHaveText('Reisepass beantragen');
  });

  test('Enter without a chosen suggestion shows the results, the best first', async ({ page }) => {
    await page.goto('/');
    const box = searchBox(page);
    await box.fill('Perso');
    await box.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === '/suche' && url.searchParams.get('q') === 'Perso');
    await expect(h1(page)).toHaveText('Suchergebnisse');
    const results = page.getByRole('main').getByRole('heading', { level: 2 });
    await expect(results.first()).toHaveText('Personalausweis beantragen');
    await results.first().getByRole('link').click();
    await expect(h1(page)).toHaveText('Personalausweis beantragen');
  });

  test('the results page for "Perso" lists "Personalausweis beantragen" first', async ({ page, request }) => {
    const answer = await apiJson<{ interpreted_query: string }>(request, '/api/search?q=Perso&limit=20');
    await page.goto('/suche?q=Perso');
    await expect(page.getByRole('main').getByRole('status')).toContainText('„Perso“');
    const first = page.getByRole('list', { name: 'Gefundene Leistungen' }).getByRole('listitem').first();
    await expect(first.getByRole('link')).toHaveText('Personalausweis beantragen');
    await expect(first.getByRole('link')).toHaveAttribute('href', '/leistungen/personalausweis-beantragen');
    // What the search understood is shown when it is not just the input.
    if (answer.interpreted_query.toLowerCase() !== 'perso') {
      await expect(page.getByText('Gesucht nach:')).toContainText(answer.interpreted_query);
    }
    // The search field keeps the question.
    await expect(page.getByRole('combobox', { name: 'Wie können wir helfen?' })).toHaveValue('Perso');
  });

  test('a nonsense question gets an honest answer with ways on', async ({ page, baseURL }) => {
    const origin = await watchOrigin(page, baseURL!);
    await page.goto('/suche?q=Xylofonquarkwetter');
    await expect(page.getByRole('heading', { name: 'Dazu haben wir leider nichts Passendes gefunden' })).toBeVisible();
    await expect(page.getByText(/keine Leistung der Stadtverwaltung/)).toBeVisible();
    await expect(page.getByRole('link', { name: '115', exact: true })).toHaveAttribute('href', 'tel:115');
    await page.getByRole('link', { name: 'Alle Leistungen von A bis Z ansehen' }).click();
    await expect(page).toHaveURL('/leistungen');
    await expect(h1(page)).toHaveText('Leistungen');
    await origin.expectSelfContained();
  });
});

test.describe('Leistungen A–Z', () => {
  const count = (page: Page) => page.getByRole('main').getByRole('status');
  const titles = (page: Page) => page.getByRole('main').getByRole('heading', { level: 3 });

  async function total(page: Page): Promise<number> {
    // While a filter loads, the list says so (aria-busy) and still shows the previous answer.
    await expect(page.getByRole('main').locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(count(page)).toHaveText(/^(\d+|Eine|Keine) Leistung/);
    const text = (await count(page).textContent()) ?? '';
    return text.startsWith('Eine') ? 1 : text.startsWith('Keine') ? 0 : Number(text.split(' ')[0]);
  }

  test('a letter and a department narrow the list; the URL keeps the filters', async ({ page, request }) => {
    const reisepass = await apiJson<{ department: string }>(request, '/api/services/reisepass-beantragen');
    await page.goto('/leistungen');
    const all = await total(page);
    expect(all).toBeGreaterThan(1);

    // Letter R: Reisepass, but not Personalausweis.
    const letters = page.getByRole('navigation', { name: 'Anfangsbuchstaben' });
    await letters.getByRole('link', { name: 'Buchstabe R' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/leistungen' && url.searchParams.get('letter') === 'R');
    await expect(count(page)).toContainText('mit R');
    await expect(letters.getByRole('link', { name: 'Buchstabe R' })).toHaveAttribute('aria-current', 'true');
    const withR = await total(page);
    expect(withR).toBeLessThan(all);
    await expect(titles(page).filter({ hasText: /^Reisepass beantragen$/ })).toHaveCount(1);
    await expect(titles(page).filter({ hasText: /^Personalausweis beantragen$/ })).toHaveCount(0);
    for (const title of await titles(page).allTextContents()) expect(title).toMatch(/^R/);

    // Back to all letters, then one department.
    await letters.getByRole('link', { name: 'Alle', exact: true }).click();
    await expect(count(page)).toHaveText(new RegExp(`^${all} Leistungen`));
    await page.getByRole('combobox', { name: 'Fachbereich' }).selectOption(reisepass.department);
    await expect(page).toHaveURL((url) => url.searchParams.get('department') === reisepass.department);
    await expect(page.getByRole('combobox', { name: 'Fachbereich' })).toHaveValue(reisepass.department);
    const inDepartment = await total(page);
    expect(inDepartment).toBeLessThan(all);
    const metas = await page.getByRole('main').getByText(/ · /).allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) expect(meta.startsWith(`${reisepass.department} · `)).toBe(true);

    // Both filters at once, and still there after a reload.
    await letters.getByRole('link', { name: 'Buchstabe R' }).click();
    await expect(titles(page).filter({ hasText: /^Reisepass beantragen$/ })).toHaveCount(1);
    await letters.getByRole('link', { name: 'Buchstabe P' }).click();
    await expect(page).toHaveURL(
      (url) => url.searchParams.get('letter') === 'P' && url.searchParams.get('department') === reisepass.department,
    );
    await expect(titles(page).filter({ hasText: /^Personalausweis beantragen$/ })).toHaveCount(1);
    await expect(titles(page).filter({ hasText: /^Reisepass beantragen$/ })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Fachbereich' })).toHaveValue(reisepass.department);
    await expect(titles(page).filter({ hasText: /^Personalausweis beantragen$/ })).toHaveCount(1);

    // Back undoes the last filter.
    await page.goBack();
    await expect(page).toHaveURL((url) => url.searchParams.get('letter') === 'R');
    await expect(titles(page).filter({ hasText: /^Reisepass beantragen$/ })).toHaveCount(1);

    // Each row shows its maturity level.
    await expect(page.getByRole('main').getByText(/^Reifegrad [0-4]: /).first()).toBeVisible();
  });

  test('"weitere anzeigen" adds the next services and moves the focus to the first new one', async ({ page }) => {
    await page.goto('/leistungen');
    const all = await total(page);
    test.skip(all <= 20, 'the catalogue fits on one page');
    await expect(titles(page)).toHaveCount(20);
    await expect(page.getByText(`20 von ${all} angezeigt`)).toBeVisible();
    const more = page.getByRole('button', { name: /^\d+ weitere anzeigen$/ });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(titles(page)).toHaveCount(Math.min(40, all));
    await expect(titles(page).nth(20).getByRole('link')).toBeFocused();
  });

  test('letters without services are not links', async ({ page, request }) => {
    const { items } = await apiJson<{ items: { title: string }[] }>(request, '/api/services?limit=500');
    const used = new Set(items.map((s) => s.title.charAt(0).normalize('NFD').charAt(0).toUpperCase()));
    await page.goto('/leistungen');
    const letters = page.getByRole('navigation', { name: 'Anfangsbuchstaben' });
    await expect(letters.getByRole('link', { name: /^Buchstabe / })).toHaveCount(
      [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((l) => used.has(l)).length,
    );
  });
});

test.describe('a service and its office', () => {
  test('the service page: fees, a checklist ticked by keyboard, the office with map and hours', async ({
    page,
    request,
    baseURL,
  }, testInfo) => {
    const service = await apiJson<{
      documents: string[];
      appointment_minutes: number | null;
      office_details: { id: string; name: string; url: string }[];
    }>(request, '/api/services/reisepass-beantragen');
    const origin = await watchOrigin(page, baseURL!);
    await page.goto(REISEPASS);
    await expect(h1(page)).toHaveText('Reisepass beantragen');
    await expect(page.getByRole('complementary', { name: 'Auf einen Blick' }).getByText(/70,00 €/)).toBeVisible();
    await expect(page.getByText(/^Reifegrad [0-4]: /).first()).toBeVisible();

    // "Das brauchen Sie": real checkboxes, ticked with the keyboard.
    expect(service.documents.length).toBeGreaterThan(0);
    const checklist = page.getByRole('group', { name: 'Das brauchen Sie' });
    const boxes = checklist.getByRole('checkbox');
    await expect(boxes).toHaveCount(service.documents.length);
    await expect(boxes.first()).toHaveAccessibleName(service.documents[0]!);
    await boxes.first().focus();
    await page.keyboard.press('Space');
    await expect(boxes.first()).toBeChecked();
    await page.keyboard.press('Tab');
    if (service.documents.length > 1) {
      await expect(boxes.nth(1)).toBeFocused();
      await page.keyboard.press('Space');
      await expect(boxes.nth(1)).toBeChecked();
    }
    await expect(checklist).toContainText(`${Math.min(2, service.documents.length)} von ${service.documents.length} abgehakt`);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await expect(boxes.first()).not.toBeChecked();

    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'leistung-abgehakt');

    // "Termin buchen" only with appointment_minutes; it leads to the booking of this service.
    const book = page.getByRole('link', { name: 'Termin buchen' });
    if (service.appointment_minutes === null) {
      await expect(book).toHaveCount(0);
    } else {
      await expect(book).toHaveAttribute('href', '/termine/buchen?service=reisepass-beantragen');
    }

    // Wo und wann → the office page.
    expect(service.office_details.length).toBeGreaterThan(0);
    const office = service.office_details[0]!;
    const where = page.getByRole('region', { name: 'Wo und wann' });
    await expect(where.getByText(/^Jetzt (geöffnet|geschlossen)/).first()).toBeVisible();
    await where.getByRole('link', { name: office.name, exact: true }).click();
    await expect(page).toHaveURL(`/aemter/${office.id}`);
    await expect(h1(page)).toHaveText(office.name);
    await expect(h1(page)).toBeFocused();

    // Map: a keyboard-operable Leaflet map with the address next to it.
    const map = page.getByRole('region', { name: /^Karte: Lage von / });
    await expect(map).toBeVisible();
    await expect(map).toHaveAttribute('tabindex', '0');
    await expect(page.getByRole('button', { name: 'Vergrößern' })).toBeVisible();
    const mapConfig = await request.get('/api/map-config');
    const tiles = mapConfig.ok() ? ((await mapConfig.json()) as { tile_url?: string | null }).tile_url : null;
    if (!tiles) await expect(page.getByText('Kartenhintergrund nicht konfiguriert')).toBeVisible();
    await map.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Minus');
    await expect(map).toBeFocused();

    // Opening hours: the week, today marked, the state right now.
    const hours = page.getByRole('table', { name: 'Öffnungszeiten' });
    await expect(hours.getByRole('row')).toHaveCount(8);
    await expect(hours.getByRole('row').filter({ hasText: /Heute/ })).toHaveCount(1);
    await expect(page.getByText(/^Jetzt (geöffnet|geschlossen)/).first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Leistungen an diesem Standort' }).getByRole('link', { name: 'Reisepass beantragen', exact: true })).toBeVisible();

    await expectNoSeriousViolations(page);
    await origin.expectSelfContained();
    await shot(page, testInfo, 'amt');
  });

  test('"Termin buchen" leads to the booking of the service; old /termine?leistung= links too', async ({ page, request }) => {
    const service = await apiJson<{ appointment_minutes: number | null }>(request, '/api/services/reisepass-beantragen');
    test.skip(service.appointment_minutes === null, 'Reisepass beantragen needs no appointment in this catalogue');
    await page.goto(REISEPASS);
    await page.getByRole('link', { name: 'Termin buchen' }).click();
    await expect(page).toHaveURL('/termine/buchen?service=reisepass-beantragen');
    await expect(h1(page)).toHaveText('Termin buchen');
    await expect(page.getByText('Termin für „Reisepass beantragen“ – in drei Schritten.')).toBeVisible();
    await page.goto('/termine?leistung=reisepass-beantragen');
    await expect(page).toHaveURL('/termine/buchen?service=reisepass-beantragen');
  });

  test.describe('in another time zone', () => {
    // The visitor's device is in New Zealand; the office is in Musterstadt.
    test.use({ timezoneId: 'Pacific/Auckland' });

    test('"jetzt geöffnet" is worked out in Europe/Berlin time', async ({ page, request }) => {
      const service = await apiJson<{ office_details: { id: string }[] }>(request, '/api/services/reisepass-beantragen');
      const office = await apiJson<Office>(request, `/api/offices/${service.office_details[0]!.id}`);
      // A Wednesday without exceptions, 10:00 in Berlin (09:00 UTC, 22:00 in Auckland).
      const date = ['2027-03-03', '2027-03-10', '2027-03-17'].find((d) => !office.exceptions.some((e) => e.date === d))!;
      await page.clock.setFixedTime(new Date(`${date}T09:00:00Z`));
      const open = office.opening_hours.some((h) => h.day === 'mi' && h.open <= '10:00' && '10:00' < h.close);
      await page.goto(`/aemter/${office.id}`);
      await expect(page.getByText(open ? 'Jetzt geöffnet' : 'Jetzt geschlossen').first()).toBeVisible();
      const today = page.getByRole('table', { name: 'Öffnungszeiten' }).getByRole('row').filter({ hasText: /Heute/ });
      await expect(today.getByRole('rowheader')).toContainText('Mittwoch');

      // An exception (holiday) closes the office on its date, whatever the weekday says.
      const closedDay = office.exceptions.find((e) => e.closed);
      if (closedDay) {
        await page.clock.setFixedTime(new Date(`${closedDay.date}T10:00:00Z`));
        await page.reload();
        await expect(page.getByText('Jetzt geschlossen').first()).toBeVisible();
        if (closedDay.note) await expect(page.getByRole('table', { name: 'Öffnungszeiten' })).toContainText(closedDay.note);
      }
    });
  });
});

test('the Ist-Analyse: figures, chart, tables sortable by column, CSV download', async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  // The demo catalogue has ~200 services: axe and a full-page screenshot of
  // the whole table take their time on two cores.
  test.slow();
  const inventory = await apiJson<{ total: { services: number; by_level: Record<string, number> } }>(
    request,
    '/api/inventory',
  );
  const origin = await watchOrigin(page, baseURL!);
  await loginAs(page, 'anna'); // a staff page (staff.spec.ts checks who else gets in)
  await page.goto('/verwaltung');
  await page.getByRole('link', { name: /^Ist-Analyse/ }).click();
  await expect(page).toHaveURL('/verwaltung/ist-analyse');
  await expect(h1(page)).toHaveText('Ist-Analyse');
  await expect(page.getByText(/Interne Ansicht/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Die Zahlen zum Diagramm' })).toBeVisible();

  // The chart is one image whose name carries the figures; the table holds them too.
  const chart = page.getByRole('img', { name: /^Balkendiagramm der Leistungen je Reifegrad/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleName(new RegExp(`Reifegrad 0 \\([^)]+\\): ${inventory.total.by_level['0']};`));
  const levels = page.getByRole('table', { name: 'Die Zahlen zum Diagramm' });
  await expect(levels.getByRole('row')).toHaveCount(6);
  await expect(levels.getByRole('row').nth(4)).toContainText(String(inventory.total.by_level['3']));

  // All services, sortable.
  const table = page.getByRole('table', { name: /^Reifegrad aller Leistungen/ });
  await expect(table.getByRole('row')).toHaveCount(inventory.total.services + 1);
  const maturityHeader = table.getByRole('columnheader', { name: /^Reifegrad$/ });
  await expect(table.getByRole('columnheader', { name: /^Leistung/ })).toHaveAttribute('aria-sort', 'ascending');
  await maturityHeader.getByRole('button').click();
  await expect(maturityHeader).toHaveAttribute('aria-sort', 'ascending');
  const firstLevel = async () => Number((await table.getByRole('row').nth(1).getByRole('cell').nth(2).textContent())?.trim().charAt(0));
  const lowest = Math.min(...Object.entries(inventory.total.by_level).filter(([, n]) => n > 0).map(([l]) => Number(l)));
  const highest = Math.max(...Object.entries(inventory.total.by_level).filter(([, n]) => n > 0).map(([l]) => Number(l)));
  expect(await firstLevel()).toBe(lowest);
  await maturityHeader.getByRole('button').press('Enter');
  await expect(maturityHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await firstLevel()).toBe(highest);

  await expectNoSeriousViolations(page);
  await origin.expectSelfContained();
  await shot(page, testInfo, 'ist-analyse-sortiert');

  // The CSV link works.
  const csvLink = page.getByRole('link', { name: 'CSV herunterladen' });
  const href = await csvLink.getAttribute('href');
  expect(href).toBe('/api/inventory.csv');
  const csv = await request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  const lines = (await csv.text()).trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^id,title,department,topic,maturity/);
  expect(lines).toHaveLength(inventory.total.services + 1);
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
});
