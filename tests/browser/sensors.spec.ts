// The Sensoren page against the demo server (its sensor simulator): map
// markers by type with a legend, the type filter, the list as the map's text
// alternative, a sensor's latest values and its time series (uPlot) with the
// summary and table, axe-core, screenshots on desktop and at 375 px.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { expectNoSeriousViolations } from './helpers';
import { ARTIFACTS } from './pages';

const markers = (page: Page) => page.locator('.sensor-map .sensor-marker');

async function open(page: Page) {
  await page.goto('/sensoren');
  await expect(page.getByRole('heading', { level: 1, name: 'Sensoren' })).toBeVisible();
  await expect(page.getByText(/\d+ Sensoren angezeigt/)).toBeVisible();
}

test('map shows every sensor by type with a legend, and the filter narrows map and list', async ({ page }) => {
  await open(page);
  const total = await page.locator('.sensor-list tbody tr').count();
  expect(total).toBeGreaterThanOrEqual(200);
  await expect(markers(page)).toHaveCount(total);
  const legend = page.getByRole('list', { name: 'Legende' });
  for (const name of ['Luftqualität', 'Parkhaus', 'Verkehr', 'Lärm', 'Wetter', 'Straßenleuchte', 'Wertstoffcontainer', 'Ladesäule']) {
    await expect(legend.getByText(name, { exact: true })).toBeVisible();
  }
  await page.getByLabel('Art des Sensors').selectOption('AirQualityObserved');
  const rows = page.locator('.sensor-list tbody tr');
  const aq = await rows.count();
  expect(aq).toBeGreaterThan(0);
  expect(aq).toBeLessThan(total);
  await expect(markers(page)).toHaveCount(aq);
  // Markers carry their type's colour (Luftqualität: #1b7a3e).
  await expect(markers(page).first().locator('span')).toHaveCSS('background-color', 'rgb(27, 122, 62)');
  for (const text of await rows.locator('td:nth-child(2)').allTextContents()) expect(text).toBe('Luftqualität');
  await expect(page.getByText(`${aq} Sensoren angezeigt`)).toBeVisible();
  await page.getByLabel('Art des Sensors').selectOption('');
  await expect(markers(page)).toHaveCount(total);
});

test('choosing a sensor shows its values with units and a chart with data points', async ({ page }) => {
  await open(page);
  await page.getByLabel('Art des Sensors').selectOption('AirQualityObserved');
  await page.getByRole('button', { name: /^Luftmessstation .* 1$/ }).first().click();
  const details = page.locator('.sensor-details');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(/^Luftmessstation /);
  await expect(details.locator('dt', { hasText: 'Stickstoffdioxid (NO₂)' })).toBeVisible();
  await expect(details.locator('dd').first()).toHaveText(/^\d+(,\d)? µg\/m³$/);
  await expect(details.locator('dt', { hasText: /^Temperatur$/ })).toBeVisible();
  const plot = details.locator('.sensor-chart-plot');
  await expect(plot.locator('canvas')).toBeVisible();
  const points = Number(await plot.getAttribute('data-points'));
  expect(points).toBeGreaterThan(10);
  await expect(details.getByText(/Stundenmittel: niedrigster Wert .* Durchschnitt .* höchster Wert/)).toBeVisible();
  await details.getByRole('button', { name: 'Werte als Tabelle' }).click();
  await expect(details.locator('.sensor-table tbody tr')).toHaveCount(points);
  // Another attribute and range load another series.
  await details.getByLabel('Messwert').selectOption('temperature');
  await details.getByRole('button', { name: '7 Tage' }).click();
  await expect(details.getByRole('button', { name: '7 Tage' })).toHaveAttribute('aria-pressed', 'true');
  await expect(details.locator('.sensor-summary')).toContainText('°C');
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `${test.info().project.name}-sensoren.png`), fullPage: true });
});

test('a marker selects its sensor', async ({ page }) => {
  await open(page);
  await page.getByLabel('Art des Sensors').selectOption('WeatherObserved');
  await expect(markers(page)).toHaveCount(await page.locator('.sensor-list tbody tr').count());
  await markers(page).first().click();
  await expect(page.locator('.sensor-details h2')).toHaveText(/^Wetterstation /);
  await expect(page.locator('.sensor-details')).toContainText('Luftdruck');
});

test('at 375 px the page has no horizontal scrolling and passes axe @mobile', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await open(page);
  await expect(markers(page).first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: /^Luftmessstation / }).first().click();
  await expect(page.locator('.sensor-details canvas')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: path.join(ARTIFACTS, 'mobile-375-sensoren.png'), fullPage: true });
});
