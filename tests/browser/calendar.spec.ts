// The office side of the Terminvergabe (demo of `serve --demo`): anna
// (staff, Bürgeramt) sees tom's booking in her office's calendar, marks it
// done, blocks a time and registers a walk-in; the admin's Protokoll then
// shows anna's access to tom's appointment. Citizens are turned away.
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectNoSeriousViolations, loginAs } from './helpers';
import { ARTIFACTS } from './pages';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

test.describe('the staff calendar and the Protokoll', () => {
  test.describe.configure({ timeout: 90_000 });

  test("anna sees tom's booking, marks it done, blocks a time, registers a walk-in; the admin sees her access", async ({
    page,
    browser,
  }, testInfo) => {
    const origin = new URL(test.info().project.use.baseURL!).origin;
    // tom books the last free time of a day a week or more ahead at the first office of the Reisepass.
    const tom = await (await browser.newContext({ baseURL: origin })).newPage();
    await loginAs(tom, 'tom');
    const service = (await (await tom.request.get('/api/services/reisepass-beantragen')).json()) as { office_details: { id: string }[] };
    const office = service.office_details[0]!.id;
    const slots = ((await (await tom.request.get(`/api/appointments/slots?service=reisepass-beantragen&office=${office}&limit=1000`)).json()) as {
      items: { start: string }[];
    }).items;
    const days = [...new Set(slots.map((s) => s.start.slice(0, 10)))];
    const day = days[Math.min(testInfo.project.name === 'mobile' ? 8 : 7, days.length - 1)]!;
    const slot = slots.filter((s) => s.start.startsWith(day)).pop()!;
    const booked = await tom.request.post('/api/appointments', {
      data: { service: 'reisepass-beantragen', office, start: slot.start, email: 'tom.mueller@example.org' },
      headers: { Origin: origin },
    });
    expect(booked.status(), await booked.text()).toBe(201);
    const code = ((await booked.json()) as { code: string }).code;
    await tom.context().close();

    await loginAs(page, 'anna');
    await page.goto('/konto');
    await page.getByRole('link', { name: 'Terminkalender' }).first().click();
    await expect(h1(page)).toHaveText('Terminkalender');
    await page.getByLabel('Standort').selectOption(office);
    await page.getByLabel('Tag', { exact: true }).fill(day);
    const row = page.getByRole('row').filter({ hasText: code });
    await expect(row).toContainText('Tom Müller');
    await expect(row).toContainText('Gebucht');
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'kalender-tag');

    const time = slot.start.slice(11, 16);
    await row.getByRole('button', { name: `Tom Müller, ${time} Uhr: Angekommen` }).click();
    await expect(row).toContainText('Angekommen');
    await row.getByRole('button', { name: `Tom Müller, ${time} Uhr: Erledigt` }).click();
    await expect(row).toContainText('Erledigt');
    await expect(page.getByRole('status').filter({ hasText: 'Tom Müller: Erledigt.' })).toBeVisible();

    // A blocked hour shows under "Gesperrte Zeiten" and can be lifted again.
    await page.getByLabel('Von').fill('07:00');
    await page.getByLabel('Bis').fill('07:30');
    await page.getByLabel('Grund (für das Team)').fill('Teambesprechung');
    await page.getByRole('button', { name: 'Zeit sperren' }).click();
    const blocks = page.getByRole('region', { name: 'Gesperrte Zeiten' });
    await expect(blocks).toContainText('07:00–07:30 Teambesprechung');
    await blocks.getByRole('button', { name: 'Sperre 07:00 bis 07:30 Uhr aufheben' }).click();
    await expect(blocks).toContainText('Keine gesperrten Zeiten an diesem Tag.');

    // The week view lists the same appointment under its day.
    await page.getByRole('button', { name: 'Woche', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Woche', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('row').filter({ hasText: code })).toContainText('Erledigt');
    await shot(page, testInfo, 'kalender-woche');

    // A walk-in today: it appears in today's list.
    await page.getByRole('button', { name: 'Tag', exact: true }).click();
    await page.getByRole('button', { name: 'Heute' }).click();
    const walkIn = page.getByRole('region', { name: 'Vorsprache ohne Termin' });
    await walkIn.getByLabel('Leistung').selectOption('reisepass-beantragen');
    // A name of this run only: a repeated run adds another walk-in of the same day.
    const name = `Laufkundschaft ${testInfo.project.name} ${Date.now().toString(36)}`;
    await walkIn.getByLabel('Name (freiwillig)').fill(name);
    await walkIn.getByRole('button', { name: 'Vorsprache erfassen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Die Vorsprache ist erfasst' })).toBeVisible();
    const walkInRow = page.getByRole('row').filter({ hasText: name });
    await expect(walkInRow).toContainText('Reisepass beantragen');
    await expect(walkInRow).toContainText('Angekommen');

    // The admin's Protokoll shows anna reading and marking tom's appointment.
    const annaId = ((await (await page.request.get('/api/me')).json()) as { id: string }).id;
    const admin = await (await browser.newContext({ baseURL: origin, viewport: page.viewportSize() ?? undefined })).newPage();
    await loginAs(admin, 'admin');
    await admin.goto('/konto');
    await admin.getByRole('link', { name: 'Protokoll' }).first().click();
    await expect(h1(admin)).toHaveText('Protokoll');
    await admin.getByLabel('Wer (Benutzer-ID)').fill(annaId);
    await admin.getByLabel('Aktion').fill('appointments.mark');
    await admin.getByRole('button', { name: 'Filtern' }).click();
    await expect(admin).toHaveURL(/actor=/);
    const entries = admin.getByRole('table').getByRole('row');
    await expect(entries.filter({ hasText: 'Anna Schmidt' }).first()).toContainText('appointments.mark');
    await expect(admin.getByRole('cell', { name: 'appointments.read' })).toHaveCount(0);
    await expectNoSeriousViolations(admin);
    await admin.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-protokoll.png`), fullPage: true });
    await admin.context().close();
  });

  test('citizens get "Kein Zugriff" on both pages', { tag: '@desktop' }, async ({ page }) => {
    await loginAs(page, 'tom');
    for (const url of ['/verwaltung/termine', '/verwaltung/protokoll']) {
      await page.goto(url);
      await expect(h1(page)).toHaveText('Kein Zugriff');
    }
    await loginAs(page, 'anna');
    await page.goto('/verwaltung/protokoll');
    await expect(h1(page)).toHaveText('Kein Zugriff');
  });
});
