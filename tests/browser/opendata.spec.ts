// The open-data portal as a data user meets it: the dataset search with
// facets, chips, sorting and a shareable URL; a dataset page with its
// metadata, the CSV preview table and the GeoJSON map; the API examples to
// copy; the page on licences and harvesting. Written against the Musterstadt
// demo data (`serve --demo`): its public datasets "leistungskatalog" (CSV,
// JSON), "behoerdenstandorte" (GeoJSON), "termin-wartezeiten" (CSV, JSON)
// and "stadtbezirke" (WFS); the draft "haushalt-2027-entwurf" is private.
// Counts are read from the CKAN API, not assumed.
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { expectNoSeriousViolations, loginAs } from './helpers';
import { ARTIFACTS } from './pages';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

async function count(request: APIRequestContext, fq: string): Promise<number> {
  const res = await request.get(`/api/3/action/package_search?rows=0&fq=${encodeURIComponent(fq)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { count: number } }).result.count;
}

/**
 * Console errors and uncaught exceptions of the page. The anonymous session
 * check (GET /api/me → 401) is expected and left out.
 */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/api/me')) errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test.beforeEach(async ({ page }, testInfo) => {
  if (testInfo.project.name === 'mobile') await page.setViewportSize({ width: 375, height: 812 });
});

test('search: facets filter, chips remove, sort, the URL holds the state', async ({ page, request }, testInfo) => {
  const errors = watchConsole(page);
  const all = await count(request, '');
  const csv = await count(request, 'res_format:"CSV"');
  // The organisation filtered for is one the staff spec (running beside
  // this one on the same server) never publishes in.
  const csvUmwelt = await count(request, 'res_format:"CSV" AND organization:"umwelt-mobilitaet"');
  expect(csv).toBeGreaterThan(csvUmwelt);
  expect(csvUmwelt).toBeGreaterThan(0);

  await page.goto('/daten');
  await expect(h1(page)).toHaveText('Offene Daten');
  const results = page.locator('.od-cards > li');
  // The staff spec may publish a dataset meanwhile: compare with the
  // catalogue's count at the same moment.
  await expect
    .poll(async () => (await page.locator('#od-count').textContent()) === `${await count(request, '')} Datensätze`)
    .toBe(true);
  await expect(results).toHaveCount(Math.min(all, 10));
  await expect(page.getByRole('link', { name: 'Haushaltsplan 2027 (Entwurf)' })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten');

  // On a phone the facets fold away behind a button.
  const mobile = testInfo.project.name === 'mobile';
  const toggle = page.getByRole('button', { name: /^Filter( \(\d+ gewählt\))?$/ });
  if (mobile) {
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('group', { name: 'Format' })).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  } else {
    await expect(toggle).toBeHidden();
  }
  const formats = page.getByRole('group', { name: 'Format' });
  await formats.getByRole('checkbox', { name: /^CSV/ }).check();
  await expect(page).toHaveURL(/[?&]res_format=CSV/);
  await expect(results).toHaveCount(Math.min(csv, 10));
  await page.getByRole('group', { name: 'Organisation' }).getByRole('checkbox', { name: /^Amt für Umwelt und Mobilität/ }).check();
  await expect(results).toHaveCount(Math.min(csvUmwelt, 10));
  await expect(page.getByRole('button', { name: 'Filter Format: CSV entfernen' })).toBeVisible();
  const orgChip = page.getByRole('button', { name: 'Filter Organisation: Amt für Umwelt und Mobilität entfernen' });
  await expect(orgChip).toBeVisible();
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-filter');

  // The URL is shareable: a fresh load shows the same search.
  const shared = page.url();
  await page.goto(shared);
  await expect(results).toHaveCount(Math.min(csvUmwelt, 10));
  if (mobile) {
    await expect(toggle).toHaveText('Filter (2 gewählt)');
    await toggle.click();
  }
  await expect(formats.getByRole('checkbox', { name: /^CSV/ })).toBeChecked();

  await orgChip.click();
  await expect(results).toHaveCount(Math.min(csv, 10));
  await expect(page).not.toHaveURL(/organization=/);
  await page.getByRole('button', { name: 'Alle Filter entfernen' }).click();
  await expect(results).toHaveCount(Math.min(all, 10));

  // Sorting by title: the cards are in German alphabetical order.
  await page.getByLabel('Sortierung').selectOption('title');
  await expect(page).toHaveURL(/sort=title/);
  await expect(results).toHaveCount(Math.min(all, 10));
  // The list is replaced once the sorted answer arrives: wait for it.
  await expect
    .poll(async () => {
      const titles = await page.locator('.od-cards h3').allTextContents();
      return titles.join('|') === [...titles].sort((a, b) => a.localeCompare(b, 'de')).join('|');
    })
    .toBe(true);

  // A free-text search, then a hostile one: no error, just no results.
  await page.getByLabel('Datensätze durchsuchen').fill('Wartezeiten');
  await page.getByRole('button', { name: 'Suchen', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Wartezeiten auf einen Termin' })).toBeVisible();
  await page.goto('/daten?q=%22%3Cscript%3E&tags=a%22b%20OR%20*%3A*');
  await expect(page.locator('#od-count')).toHaveText('Keine Datensätze gefunden');
  expect(errors).toEqual([]);
});

test('dataset page: metadata, Nutzungskonzept, CSV preview, API examples', async ({ page, context }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/daten?q=Wartezeiten');
  await page.getByRole('link', { name: 'Wartezeiten auf einen Termin' }).click();
  await expect(page).toHaveURL('/daten/termin-wartezeiten');
  await expect(h1(page)).toHaveText('Wartezeiten auf einen Termin');
  const meta = page.getByRole('region', { name: 'Metadaten' });
  await expect(meta.getByText('Datenlizenz Deutschland – Namensnennung – Version 2.0')).toBeVisible();
  await expect(meta.getByText('Stadt Musterstadt, Bürgeramt')).toBeVisible();
  await expect(meta.getByText('laufend')).toBeVisible();
  const usage = page.getByRole('region', { name: 'Nutzungskonzept' });
  await expect(usage.getByText('anonymisiert')).toBeVisible();

  // The CSV preview: a table with the header of the real file.
  const head = await (await page.request.get('/opendata/download/termin-wartezeiten/wartezeiten.csv')).text();
  const firstColumn = head.split(/\r?\n/)[0]!.split(',')[0]!.replace(/"/g, '');
  const dataRows = head.split(/\r?\n/).filter((l) => l !== '').length - 1;
  const table = page.getByRole('table', {
    name: dataRows === 0 ? 'Die Datei enthält derzeit nur die Kopfzeile.' : /Die ersten \d+ Zeilen/,
  });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader').first()).toHaveText(firstColumn);
  await expect(table.locator('tbody tr')).toHaveCount(Math.min(10, dataRows));
  await expect(page.getByRole('link', { name: 'Wartezeiten (CSV) herunterladen' })).toHaveAttribute(
    'href',
    '/opendata/download/termin-wartezeiten/wartezeiten.csv',
  );

  // API examples: copying puts the exact command on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const origin = new URL(page.url()).origin;
  await page.getByRole('button', { name: 'CKAN package_show kopieren' }).click();
  await expect(page.getByRole('button', { name: 'CKAN package_show kopieren' })).toHaveText('Kopiert');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `curl '${origin}/api/3/action/package_show?id=termin-wartezeiten'`,
  );
  await expect(page.getByRole('textbox', { name: 'DCAT-AP.de (Turtle)' })).toHaveValue(`${origin}/opendata/dataset/termin-wartezeiten.ttl`);
  const ttl = await page.request.get(`/opendata/dataset/termin-wartezeiten.ttl`);
  expect(ttl.status()).toBe(200);
  // Nothing is wider than the screen (the preview table scrolls in its own box).
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-datensatz-csv');
  expect(errors).toEqual([]);
});

test('CSV preview: only the first rows of a long file, as a table', async ({ page }) => {
  const errors = watchConsole(page);
  const csv = await (await page.request.get('/opendata/download/leistungskatalog/leistungen.csv')).text();
  const lines = csv.split(/\r?\n/).filter((l) => l !== '');
  expect(lines.length).toBeGreaterThan(11);
  // The preview asks for a byte range, never the whole file.
  const ranges: (string | undefined)[] = [];
  page.on('request', (r) => r.url().endsWith('/leistungen.csv') && ranges.push(r.headers()['range']));
  await page.goto('/daten/leistungskatalog');
  const table = page.getByRole('table', { name: 'Die ersten 10 Zeilen' });
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await expect(table.getByRole('columnheader')).toHaveCount(lines[0]!.split(',').length);
  expect(ranges).toEqual(['bytes=0-65535']);
  expect(errors).toEqual([]);
});

test('CSV time series: a chart of the numeric columns over the time column', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  // Staff publish a dataset with a small time series (through the editing API).
  await loginAs(page, 'admin');
  const origin = new URL(testInfo.project.use.baseURL!).origin;
  const name = `messwerte-${testInfo.project.name}-${Date.now()}`;
  const created = await page.request.post('/api/opendata/datasets', {
    headers: { Origin: origin },
    data: {
      name,
      title: `Luftmesswerte ${testInfo.project.name}`,
      notes: 'Stündliche Messwerte einer Station.',
      organization: 'statistik',
      contact_email: 'statistik@musterstadt.example',
      license: 'cc-by/4.0',
      attribution: 'Stadt Musterstadt',
      themes: ['ENVI'],
      keywords: ['Luft'],
      accrual_periodicity: 'DAILY',
      usage: { personal_data: 'keine', purpose: 'Test', retention: 'Test', quality: 'Test' },
      distributions: [{ id: 'messwerte', title: 'Messwerte (CSV)', format: 'CSV', media_type: 'text/csv', file: 'messwerte.csv' }],
    },
  });
  expect(created.status()).toBe(201);
  const csv = 'zeit,no2,pm10\r\n2026-11-01T00:00:00Z,21.5,14\r\n2026-11-01T01:00:00Z,19.0,13.5\r\n2026-11-01T02:00:00Z,17.25,\r\n';
  const upload = await page.request.put(`/api/opendata/datasets/${name}/files/messwerte.csv`, {
    headers: { Origin: origin, 'If-Match': created.headers()['etag']!, 'Content-Type': 'text/csv' },
    data: Buffer.from(csv),
  });
  expect(upload.status()).toBe(200);

  await page.goto(`/daten/${name}`);
  const chart = page.getByRole('img', { name: 'Zeitverlauf: no2, pm10' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('canvas')).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Die ersten 3 Zeilen' }).locator('tbody tr')).toHaveCount(3);
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-datensatz-zeitreihe');
  expect(errors).toEqual([]);
});

test('dataset page: a GeoJSON file on a map', async ({ page }, testInfo) => {
  const errors = watchConsole(page);
  const geo = (await (await page.request.get('/opendata/download/behoerdenstandorte/standorte.geojson')).json()) as {
    features: unknown[];
  };
  await page.goto('/daten/behoerdenstandorte');
  await expect(h1(page)).toHaveText('Standorte und Öffnungszeiten der Ämter');
  const map = page.getByRole('region', { name: 'Karte: Standorte (GeoJSON)' });
  await expect(map).toBeVisible();
  await expect(map.locator('path.leaflet-interactive')).toHaveCount(geo.features.length);
  await expect(page.getByText(geo.features.length === 1 ? '1 Objekt' : `${geo.features.length} Objekte`)).toBeVisible();
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-datensatz-karte');
  expect(errors).toEqual([]);
});

test('unknown and private datasets are not found; /opendata leads to /daten', async ({ page }) => {
  await page.goto('/daten/haushalt-2027-entwurf');
  await expect(h1(page)).not.toHaveText('Haushaltsplan 2027 (Entwurf)');
  await expect(page.getByText('Haushaltsplan 2027')).toHaveCount(0);
  await page.goto('/daten/gibt-es-nicht');
  await expect(h1(page)).not.toHaveText('Offene Daten');
  await page.goto('/opendata');
  await expect(page).toHaveURL('/daten');
  await expect(h1(page)).toHaveText('Offene Daten');
});

test('usage page: licences in use with attribution rules, harvesting', async ({ page, request }, testInfo) => {
  const errors = watchConsole(page);
  await page.goto('/daten');
  await page.getByRole('link', { name: 'Lizenzen, Harvesting und Schnittstellen' }).click();
  await expect(h1(page)).toHaveText('Nutzung, Lizenzen und Harvesting');
  const withAttribution = await count(request, 'license_id:"dl-by-de/2.0"');
  const row = page.getByRole('row', { name: /Datenlizenz Deutschland – Namensnennung – Version 2\.0/ });
  await expect(row.getByRole('cell').first()).toContainText('erforderlich');
  await expect(row.getByRole('link', { name: String(withAttribution), exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /Zero/ }).getByRole('cell').first()).toContainText('nicht erforderlich');
  await expect(page.getByRole('textbox', { name: 'modified_since' })).toHaveValue(/\/opendata\/catalog\.ttl\?modified_since=/);
  await expectNoSeriousViolations(page);
  await shot(page, testInfo, 'daten-nutzung');
  expect(errors).toEqual([]);
});

test('English: the portal texts switch, the dataset content stays German', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('stadtkern.locale', 'en'));
  await page.goto('/daten?res_format=GEOJSON');
  await expect(h1(page)).toHaveText('Open data');
  await expect(page.locator('#od-count')).toHaveText('1 dataset');
  await page.getByRole('link', { name: 'Standorte und Öffnungszeiten der Ämter' }).click();
  await expect(page.getByRole('heading', { name: 'Data and downloads' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Usage concept' }).getByText('no personal data')).toBeVisible();
});
