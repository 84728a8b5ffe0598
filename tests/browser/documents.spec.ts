// The citizen's own data as tom (demo of `serve --demo`: his Reisepass
// expires in four months, his Personalausweis in six years, and the reminder
// job has put a message into his Postfach): "Meine Dokumente" with masked
// numbers and the renewal link, reporting a loss after a question, the
// Postfach with its unread count and the action that opens the booking with
// the service chosen, the export download, and deleting a fresh account.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectNoSeriousViolations, loginAs, unique } from './helpers';
import { ARTIFACTS } from './pages';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

test.describe('Meine Dokumente', () => {
  test.describe.configure({ timeout: 60_000 });

  test('tom sees his documents with masked numbers, the expiry hint and the renewal booking', async ({ page }, testInfo) => {
    await loginAs(page, 'tom');
    await page.goto('/konto');
    await page.getByRole('region', { name: 'Ihre Bereiche' }).getByRole('link', { name: /^Meine Dokumente/ }).click();
    await expect(h1(page)).toHaveText('Meine Dokumente');
    const pass = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Reisepass/ }) });
    await expect(pass).toContainText('Gültig');
    await expect(pass).toContainText('Läuft in 4 Monaten ab.');
    await expect(pass).not.toContainText('C01X00T47K');
    await expect(pass).toContainText('C01X••••7K');
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'meine-dokumente');
    await pass.getByRole('link', { name: /^Termin für ein neues Dokument/ }).click();
    await expect(page).toHaveURL('/termine/buchen?service=reisepass-beantragen');
    await expect(page.getByText('Termin für „Reisepass beantragen“ – in drei Schritten.')).toBeVisible();
  });

  test('reporting the Personalausweis lost asks first and then blocks it', { tag: '@desktop' }, async ({ page, browser }, testInfo) => {
    await loginAs(page, 'tom');
    await page.goto('/konto/dokumente');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Personalausweis/ }) });
    await expect(card).toContainText('Gültig');
    await card.getByRole('button', { name: /Verlust oder Diebstahl melden/ }).click();
    const dialog = page.getByRole('dialog', { name: /als verloren oder gestohlen melden\?$/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: 'Verloren' })).toBeChecked();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'dokument-verlust-frage');
    await dialog.getByRole('radio', { name: 'Gestohlen' }).check();
    await dialog.getByRole('button', { name: 'Verbindlich melden' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'ist jetzt gesperrt' })).toBeVisible();
    await expect(card).toContainText('Gestohlen gemeldet');
    await expect(card.getByRole('button', { name: /Verlust oder Diebstahl melden/ })).toHaveCount(0);
    await expect(card.getByRole('link', { name: /^Termin für ein neues Dokument/ })).toHaveAttribute(
      'href',
      '/termine/buchen?service=personalausweis-beantragen',
    );

    // The Bürgeramt sets it valid again, so that other tests find tom's data as the demo made it.
    const staff = await browser.newContext();
    const anna = await staff.newPage();
    await loginAs(anna, 'anna');
    const me = (await (await page.request.get('/api/me')).json()) as { id: string };
    const docs = (await (await anna.request.get(`/api/citizens/${me.id}/documents`)).json()) as {
      items: { id: string; kind: string }[];
    };
    const id = docs.items.find((d) => d.kind === 'personalausweis')!.id;
    const origin = new URL(page.url()).origin;
    const reset = await anna.request.post(`/api/documents/${id}/status`, { data: { status: 'gueltig' }, headers: { Origin: origin } });
    expect(reset.status(), await reset.text()).toBe(200);
    await staff.close();
  });
});

test.describe('Postfach', () => {
  // One test changes tom's one reminder (read, then deleted), so it runs once,
  // at desktop width, and keeps a screenshot at mobile width too.
  test("tom's reminder: unread in the header, its button opens the assistant with the renewal offer; read, deleted", { tag: '@desktop' }, async ({
    page,
  }, testInfo) => {
    test.setTimeout(60_000);
    await loginAs(page, 'tom');
    await page.goto('/konto');
    const menuButton = page.getByRole('banner').getByRole('button', { name: /Tom Müller/ });
    await expect(menuButton.locator('.unread-count')).toHaveText(/^1/);
    await page.getByRole('region', { name: 'Ihre Bereiche' }).getByRole('link', { name: /^Postfach/ }).click();
    await expect(h1(page)).toHaveText('Postfach');
    const reminder = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Reisepass läuft .* ab/ }) });
    await expect(reminder).toContainText('Neu');
    await expect(page.getByRole('main').getByText('1 ungelesene Nachricht', { exact: true })).toBeVisible();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'postfach');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'mobile-postfach.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The reminder opens the assistant, which asks for the renewal once and offers three times.
    await reminder.getByRole('link', { name: 'Termin vereinbaren' }).click();
    await expect(h1(page)).toHaveText('Assistent');
    const offer = page.getByRole('log').getByRole('region', { name: 'Terminvorschlag' });
    await expect(offer).toContainText('Reisepass beantragen');
    await expect(offer.getByRole('group', { name: 'Freie Termine' }).getByRole('button')).toHaveCount(3);
    await expect(page).toHaveURL('/assistent');

    // Following the action marked it read; the header no longer counts it.
    await page.goBack();
    await expect(h1(page)).toHaveText('Postfach');
    await expect(page.getByRole('main').getByText('Keine ungelesenen Nachrichten', { exact: true })).toBeVisible();
    await expect(menuButton.locator('.unread-count')).toHaveCount(0);
    await reminder.getByRole('button', { name: /löschen$/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Die Nachricht ist gelöscht.' })).toBeVisible();
    await expect(page.getByText('Ihr Postfach ist leer.')).toBeVisible();
  });
});

test.describe('Meine Daten', () => {
  test('"Alle meine Daten herunterladen" gives a JSON file with the account', async ({ page }, testInfo) => {
    await loginAs(page, 'tom');
    await page.goto('/konto');
    const data = page.getByRole('region', { name: 'Meine Daten' });
    await expect(data).toBeVisible();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'konto-bereiche');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      data.getByRole('link', { name: 'Alle meine Daten herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('meine-daten.json');
    const file = await download.path();
    const text = readFileSync(file!, 'utf8');
    expect(text).toContain('tom.mueller@example.org');
    JSON.parse(text);
  });

  test('a fresh citizen deletes the account after the password; a wrong one is refused', async ({ page }, testInfo) => {
    const username = unique('loeschen');
    const password = 'ein langes gutes Passwort';
    const reg = await page.request.post('/api/auth/register', {
      data: { username, display_name: 'Lea Löscher', email: `${username}@example.org`, password },
    });
    expect(reg.status()).toBe(201);
    const origin = new URL(test.info().project.use.baseURL!).origin;
    const login = await page.request.post('/api/auth/login', { data: { username, password }, headers: { Origin: origin } });
    expect(login.status()).toBe(200);
    await page.goto('/konto');
    await page.getByRole('button', { name: 'Konto löschen …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Möchten Sie Ihr Bürgerkonto wirklich löschen?' });
    await expect(dialog).toContainText('Das lässt sich nicht rückgängig machen.');
    await dialog.getByRole('button', { name: 'Konto endgültig löschen' }).click();
    await expect(dialog.getByText('Bitte geben Sie Ihr Passwort an.')).toBeVisible();
    await dialog.getByLabel('Zur Bestätigung: Ihr Passwort').fill('falsches Passwort!!');
    await dialog.getByRole('button', { name: 'Konto endgültig löschen' }).click();
    await expect(dialog.getByText('Das Passwort stimmt nicht.')).toBeVisible();
    await expect(dialog.getByLabel('Zur Bestätigung: Ihr Passwort')).toBeFocused();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'konto-loeschen-frage');
    await dialog.getByLabel('Zur Bestätigung: Ihr Passwort').fill(password);
    await dialog.getByRole('button', { name: 'Konto endgültig löschen' }).click();
    await expect(page).toHaveURL('/konto/geloescht');
    await expect(h1(page)).toHaveText('Ihr Konto ist gelöscht');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Anmelden' })).toBeVisible();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'konto-geloescht');
    const again = await page.request.post('/api/auth/login', { data: { username, password }, headers: { Origin: origin } });
    expect(again.status()).toBe(401);
  });
});
