// The app shell: navigation, language, keyboard use, honest placeholders.
import { expect, test, type Page } from '@playwright/test';
import { loginAs } from './helpers';
import { ALL_PAGES, AREAS, exact } from './pages';

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' });
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('the start page shows the town, the search entry and all ten areas', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Musterstadt/);
  await expect(h1(page)).toHaveText('Willkommen in Musterstadt');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('link', { name: /^Musterstadt/ }).first()).toBeVisible();
  await expect(page.getByRole('search').getByRole('combobox', { name: 'Wie können wir helfen?' })).toBeVisible();

  // Tiles for every area on the page itself.
  const tiles = page.getByRole('region', { name: 'Alle Bereiche' }).getByRole('link');
  await expect(tiles).toHaveCount(AREAS.length);
  for (const area of AREAS) {
    await expect(page.getByRole('main').getByRole('link', { name: new RegExp(`^${area.de}`) })).toHaveAttribute(
      'href',
      area.path,
    );
  }

  // The navigation holds all ten areas (on a phone behind the menu button).
  const menu = page.getByRole('button', { name: 'Menü' });
  if (await menu.isVisible()) await menu.click();
  const links = mainNav(page).getByRole('link');
  await expect(links).toHaveCount(AREAS.length);
  for (const area of AREAS) {
    await expect(mainNav(page).getByRole('link', { name: exact(area.de) })).toHaveAttribute('href', area.path);
  }
});

// The navigation bar is open on wide screens only (project "desktop").
test.describe('wide screen', { tag: '@desktop' }, () => {
  test('each navigation link opens its area with its heading', async ({ page }) => {
    await page.goto('/');
    for (const area of AREAS) {
      await mainNav(page).getByRole('link', { name: exact(area.de) }).click();
      if (area.as) {
        // An area behind the login sends a visitor to /anmelden, and back afterwards.
        await expect(page).toHaveURL(`/anmelden?next=${encodeURIComponent(area.path)}`);
        await expect(h1(page)).toHaveText('Anmelden');
        await expect(h1(page)).toBeFocused();
        continue;
      }
      await expect(page).toHaveURL(area.path);
      await expect(h1(page)).toHaveText(area.de);
      await expect(mainNav(page).getByRole('link', { name: exact(area.de) })).toHaveAttribute('aria-current', 'page');
      await expect(page).toHaveTitle(`${area.de} – Musterstadt`);
      // Focus moves to the new page's heading for keyboard and screen-reader users.
      await expect(h1(page)).toBeFocused();
      if (!['entwickler', 'leistungen', 'assistent', 'opendata', 'sensoren'].includes(area.slug)) {
        await expect(page.getByRole('heading', { name: 'Dieser Bereich wird gerade aufgebaut' })).toBeVisible();
      }
    }
  });
});

// The menu button exists on narrow screens only (project "mobile").
test.describe('narrow screen', { tag: '@mobile' }, () => {
  test('the menu opens and closes by keyboard', async ({ page }) => {
    await page.goto('/');
    const menu = page.getByRole('button', { name: 'Menü' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(mainNav(page).getByRole('link', { name: 'Assistent' })).toBeHidden();

    // Reach the button with Tab alone.
    for (let i = 0; i < 10 && !(await menu.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(menu).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    const first = mainNav(page).getByRole('link', { name: 'Assistent' });
    await expect(first).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(first).toBeFocused();

    // Escape closes it and puts focus back on the button.
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await expect(first).toBeHidden();

    // Space opens it too; following a link closes it and shows the area.
    await page.keyboard.press('Space');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await mainNav(page).getByRole('link', { name: 'Termine' }).click();
    await expect(page).toHaveURL('/termine');
    await expect(h1(page)).toHaveText('Termine');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
  });
});

test('the English toggle switches the texts and html[lang], and persists on reload', async ({ page }) => {
  await page.goto('/termine');
  await expect(h1(page)).toHaveText('Termine');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(h1(page)).toHaveText('Appointments');
  await expect(page.getByRole('heading', { name: 'This area is being built' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(h1(page)).toHaveText('Appointments');
  await page.goto('/leistungen');
  await expect(h1(page)).toHaveText('Services');
  await expect(page.getByRole('navigation', { name: 'Initial letters' })).toBeVisible();
  await page.goto('/');
  await expect(h1(page)).toHaveText('Welcome to Musterstadt');

  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(h1(page)).toHaveText('Willkommen in Musterstadt');
  await page.reload();
  await expect(h1(page)).toHaveText('Willkommen in Musterstadt');
});

test('the skip link is the first stop and jumps to the content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // The next Tab lands in the content, not in the header.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Wie können wir helfen?' })).toBeFocused();
});

test('every page can be opened directly by its address', async ({ page }) => {
  for (const p of ALL_PAGES) {
    if (p.as) await loginAs(page, p.as);
    await page.goto(p.path);
    await expect(h1(page), p.path).toHaveText(p.de);
  }
});

test('an unknown address shows the not-found page inside the app', async ({ page }) => {
  await page.goto('/leistungen/gibt-es-nicht');
  await expect(h1(page)).toHaveText('Seite nicht gefunden');
  await expect(page.getByText('/leistungen/gibt-es-nicht')).toBeVisible();
  await page.getByRole('link', { name: 'Zurück zur Startseite' }).click();
  await expect(h1(page)).toHaveText('Willkommen in Musterstadt');
});

test('the developer page links the API documents and shows the live server status', async ({ page, request }) => {
  await page.goto('/entwickler');
  const main = page.getByRole('main');
  for (const href of ['/api/docs', '/api/openapi.json', '/health', '/ready', '/metrics']) {
    await expect(main.locator(`a[href="${href}"]`)).toHaveCount(1);
  }

  // What the page shows must be what the server answers right now.
  const health = await request.get('/health');
  const healthJson = health.ok() ? await health.json().catch(() => null) : null;
  const healthCard = page.getByRole('region', { name: /Zustand/ });
  if (healthJson && typeof healthJson.status === 'string') {
    await expect(healthCard.getByText(healthJson.status, { exact: true })).toBeVisible();
  } else {
    await expect(healthCard).toContainText('Nicht verfügbar');
  }

  const version = await request.get('/api/version');
  const versionJson = version.ok() ? await version.json().catch(() => null) : null;
  const versionCard = page.getByRole('region', { name: /Version/ });
  if (versionJson && typeof versionJson.version === 'string') {
    await expect(versionCard.getByText(versionJson.name, { exact: true })).toBeVisible();
    await expect(versionCard.getByText(versionJson.version, { exact: true })).toBeVisible();
    await expect(versionCard.getByText(versionJson.commit, { exact: true })).toBeVisible();
  } else {
    await expect(versionCard).toContainText('Nicht verfügbar');
  }

  // Links to server endpoints load a new document from the server; the
  // app's router does not take them over.
  await page.evaluate(() => ((window as unknown as { appDocument?: boolean }).appDocument = true));
  await main.getByRole('link', { name: 'OpenAPI-Dokument' }).click();
  await expect(page).toHaveURL('/api/openapi.json');
  await page.waitForLoadState();
  expect(await page.evaluate(() => (window as unknown as { appDocument?: boolean }).appDocument)).toBeUndefined();
});
