// Booking an appointment as a person does it (demo catalogue of `serve
// --demo`: "Reisepass beantragen" needs one): office and day, time, contact;
// the hold's minutes, the confirmation with code, .ics and cancelling after
// a question; logged in as tom with his name and e-mail taken from the
// account, and "Meine Termine". Each step is checked with axe-core and kept
// as a screenshot at desktop and mobile width.
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectNoSeriousViolations, loginAs } from './helpers';
import { ARTIFACTS } from './pages';

const BOOK = '/termine/buchen?service=reisepass-beantragen';
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const stepHeading = (page: Page) => page.locator('#booking-step-title');

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

/** Steps 1 and 2: a day with free times (the `nth` one), then one of its times. Returns the chosen time. */
async function chooseDayAndTime(page: Page, testInfo: TestInfo, nth: number, prefix?: string, axe = true) {
  await expect(stepHeading(page)).toContainText('Schritt 1 von 3');
  const steps = page.getByRole('navigation', { name: 'Schritte der Buchung' });
  await expect(steps.locator('[aria-current="step"]')).toContainText('Ort und Tag');
  const days = page.getByRole('group', { name: 'Tage mit freien Terminen' }).getByRole('button');
  await expect(days.first()).toBeVisible();
  if (prefix) {
    if (axe) await expectNoSeriousViolations(page);
    await shot(page, testInfo, `${prefix}-1-tag`);
  }
  const count = await days.count();
  await days.nth(Math.min(nth, count - 1)).click();

  await expect(stepHeading(page)).toContainText('Schritt 2 von 3');
  await expect(stepHeading(page)).toBeFocused();
  await expect(steps.locator('[aria-current="step"]')).toContainText('Uhrzeit');
  const times = page.getByRole('group', { name: /^Freie Uhrzeiten am / }).getByRole('button');
  await expect(times.first()).toBeVisible();
  if (prefix) {
    if (axe) await expectNoSeriousViolations(page);
    await shot(page, testInfo, `${prefix}-2-uhrzeit`);
  }
  // Back and forth keeps the day.
  await page.getByRole('button', { name: 'Zurück' }).click();
  await expect(stepHeading(page)).toContainText('Schritt 1 von 3');
  await expect(days.nth(Math.min(nth, count - 1))).toHaveAttribute('aria-pressed', 'true');
  await days.nth(Math.min(nth, count - 1)).click();
  const timeCount = await times.count();
  const time = times.nth((nth * 3 + (testInfo.project.name === 'mobile' ? 1 : 0)) % timeCount);
  const label = ((await time.textContent()) ?? '').slice(0, 5);
  await time.click();
  await expect(stepHeading(page)).toContainText('Schritt 3 von 3');
  await expect(page.getByText(/Wir halten den Termin noch [45] Minuten für Sie frei\./)).toBeVisible();
  return label;
}

test.describe('booking an appointment', () => {
  test.describe.configure({ timeout: 90_000 });
  test('anonymously: three steps, confirmation with code and .ics, then cancelled after a question', async ({
    page,
  }, testInfo) => {
    await page.goto(BOOK);
    await expect(h1(page)).toHaveText('Termin buchen');
    const time = await chooseDayAndTime(page, testInfo, 0, 'termin-anonym');

    // Step 3: empty fields are named in the error summary, which takes the focus.
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    const summary = page.getByRole('group', { name: 'Bitte korrigieren Sie Folgendes:' });
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Bitte geben Sie Ihren Namen an.');
    await page.getByLabel('Vor- und Nachname').fill('Erika Mustermann');
    await page.getByLabel('E-Mail-Adresse').fill('erika@example.org');
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'termin-anonym-3-angaben');
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();

    await expect(page).toHaveURL(/\/termine\/[A-Z0-9-]+\?token=/);
    await expect(h1(page)).toHaveText('Ihr Termin ist gebucht');
    const facts = page.getByRole('region', { name: /^Ihr Termin/ });
    await expect(facts).toContainText(`${time} bis`);
    await expect(facts).toContainText('Reisepass beantragen');
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expect(page.getByRole('complementary', { name: 'Vorgangsnummer' })).toContainText(code);
    const ics = page.getByRole('link', { name: 'In meinen Kalender (.ics)' });
    const icsResponse = await page.request.get((await ics.getAttribute('href'))!);
    expect(icsResponse.status()).toBe(200);
    expect(await icsResponse.text()).toContain('BEGIN:VEVENT');
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'termin-anonym-4-bestaetigung');

    // Cancelling asks first; "Nein" keeps it, "Ja" cancels.
    await page.getByRole('button', { name: 'Termin absagen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Möchten Sie diesen Termin wirklich absagen?' });
    await expect(dialog).toBeVisible();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'termin-absagen-frage');
    await dialog.getByRole('button', { name: 'Nein, Termin behalten' }).click();
    await expect(dialog).toBeHidden();
    await expect(facts).toContainText('Gebucht');
    await page.getByRole('button', { name: 'Termin absagen' }).click();
    await dialog.getByRole('button', { name: 'Ja, absagen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Der Termin ist abgesagt.' })).toBeVisible();
    await expect(facts).toContainText('Abgesagt');
    await expect(page.getByRole('button', { name: 'Termin absagen' })).toHaveCount(0);

    // The link without its token finds nothing.
    await page.goto(`/termine/${code}`);
    await expect(page.getByText(/Diesen Termin finden wir nicht/)).toBeVisible();
  });

  test('as tom: name and e-mail come from the account; the booking shows in "Meine Termine"', async ({
    page,
  }, testInfo) => {
    await loginAs(page, 'tom');
    await page.goto(BOOK);
    // axe-core has checked these steps in the anonymous booking.
    const time = await chooseDayAndTime(page, testInfo, 2, 'termin-tom', false);
    await expect(page.getByLabel('Vor- und Nachname')).toHaveValue('Tom Müller');
    await expect(page.getByLabel('Vor- und Nachname')).toHaveAttribute('readonly', '');
    await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('tom.mueller@example.org');
    await shot(page, testInfo, 'termin-tom-3-angaben');
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(h1(page)).toHaveText('Ihr Termin ist gebucht');
    await expect(page.getByRole('region', { name: /^Ihr Termin/ })).toContainText(`${time} bis`);
    await shot(page, testInfo, 'termin-tom-4-bestaetigung');
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    // Moving it: another day, its first free time; the page shows the new time.
    await page.getByRole('button', { name: 'Termin verschieben' }).click();
    const move = page.getByRole('region', { name: 'Neuen Tag und neue Uhrzeit wählen' });
    await move.getByRole('group', { name: 'Tage mit freien Terminen' }).getByRole('button').nth(5).click();
    const newTime = move.getByRole('group', { name: /^Freie Uhrzeiten am / }).getByRole('button').first();
    const newLabel = ((await newTime.textContent()) ?? '').slice(0, 5);
    await newTime.click();
    await expect(page.getByRole('status').filter({ hasText: 'Der Termin ist verschoben.' })).toBeVisible();
    await expect(page.getByRole('region', { name: /^Ihr Termin/ })).toContainText(`${newLabel} bis`);
    const time2 = newLabel;

    // "Meine Termine" lists it; cancelling asks first and then moves it to the past ones.
    await page.goto('/konto/termine');
    await expect(h1(page)).toHaveText('Meine Termine');
    const upcoming = page.getByRole('region', { name: 'Kommende Termine' });
    const item = upcoming.getByRole('listitem').filter({ hasText: code });
    await expect(item).toContainText('Reisepass beantragen');
    await expect(item).toContainText(`${time2} bis`);
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'meine-termine');
    await item.getByRole('button', { name: /^Termin „Reisepass beantragen“ am .* absagen$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Möchten Sie diesen Termin wirklich absagen?' });
    await dialog.getByRole('button', { name: 'Ja, absagen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Der Termin ist abgesagt.' })).toBeVisible();
    await expect(upcoming.getByRole('listitem').filter({ hasText: code })).toHaveCount(0);
    await expect(
      page.getByRole('region', { name: 'Frühere und abgesagte Termine' }).getByRole('listitem').filter({ hasText: code }),
    ).toContainText('Abgesagt');
  });

  test('a time taken meanwhile sends the person back to the times, in plain words', async ({ page, request }, testInfo) => {
    const service = (await (await request.get('/api/services/reisepass-beantragen')).json()) as { office_details: { id: string }[] };
    const office = service.office_details[0]!.id;
    const answer = await request.get(`/api/appointments/slots?service=reisepass-beantragen&office=${office}&limit=1000`);
    const slots = ((await answer.json()) as { items: { start: string; free: number }[] }).items;
    const dayList = [...new Set(slots.map((s) => s.start.slice(0, 10)))];
    const n = testInfo.project.name === 'mobile' ? 4 : 3;
    const day = dayList[Math.min(n, dayList.length - 1)]!;
    const last = slots.filter((s) => s.start.startsWith(day)).pop()!;

    await page.goto(BOOK);
    const days = page.getByRole('group', { name: 'Tage mit freien Terminen' }).getByRole('button');
    await days.nth(Math.min(n, dayList.length - 1)).click();
    const time = page.getByRole('group', { name: /^Freie Uhrzeiten am / }).getByRole('button').last();
    await expect(time).toHaveText(new RegExp(`^${last.start.slice(11, 16)}`));
    // Meanwhile others take every desk of that time.
    for (let i = 0; i < last.free; i++) {
      const r = await request.post('/api/appointments', {
        data: { service: 'reisepass-beantragen', office, start: last.start, name: `Andere Person ${i}`, email: `andere${i}@example.org` },
      });
      expect(r.status(), await r.text()).toBe(201);
    }
    await time.click();
    await expect(page.getByRole('alert')).toHaveText('Diese Uhrzeit wurde gerade vergeben. Bitte wählen Sie eine andere.');
    await expect(stepHeading(page)).toContainText('Schritt 2 von 3');
    await expect(page.getByRole('group', { name: /^Freie Uhrzeiten am / }).getByRole('button').last()).not.toHaveText(
      new RegExp(`^${last.start.slice(11, 16)}`),
    );
  });
});
