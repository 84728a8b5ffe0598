// The assistant's chat (/assistent). The page against answers of the shape
// POST /api/assistant/turn gives (intercepted with page.route, so that every
// kind of action, error and restart can be shown on purpose), and the real
// scene against the server of this run: tom asks about Marrakesch and books
// the renewal in the chat; an anonymous visitor is invited to log in.
import path from 'node:path';
import { expect, test, type Page, type Request, type Route, type TestInfo } from '@playwright/test';
import { expectNoSeriousViolations, loginAs } from './helpers';
import { ARTIFACTS } from './pages';

const TURN = '**/api/assistant/turn';
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const log = (page: Page) => page.getByRole('log', { name: 'Gesprächsverlauf' });
const input = (page: Page) => page.getByRole('textbox', { name: 'Deine Frage an den Assistenten' });
const answers = (page: Page) => log(page).locator('.chat-msg-assistant .chat-bubble');

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

interface TurnBody {
  conversation_id: string | null;
  text?: string;
  slot?: { office_id: string; start: string };
  service_id?: string;
}

const AA = { title: 'Auswärtiges Amt: Marokko – Reise- und Sicherheitshinweise', url: 'https://www.auswaertiges-amt.de/de/service/laender/marokko-node' };
const PASS = { title: 'Reisepass beantragen', url: '/leistungen/reisepass-beantragen' };

const SLOTS = [
  { start: '2026-12-01T09:30:00+01:00', end: '2026-12-01T09:50:00+01:00', label: 'Di., 1. Dezember, 9:30 Uhr' },
  { start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T10:20:00+01:00', label: 'Di., 1. Dezember, 10:00 Uhr' },
  { start: '2026-12-02T08:00:00+01:00', end: '2026-12-02T08:20:00+01:00', label: 'Mi., 2. Dezember, 8:00 Uhr' },
];

/** An answer as the server gives it. */
function turn(conversation: string, text: string, actions: object[] = [], sources: object[] = []) {
  return { conversation_id: conversation, intent: 'test', confidence: 0.9, reply: { text, actions, sources } };
}

/** Answers the turns with `reply(body, n)` (n counts from 0) and records what the page sent. */
async function mockTurns(page: Page, reply: (body: TurnBody, n: number, route: Route) => Promise<void> | object) {
  const sent: TurnBody[] = [];
  await page.route(TURN, async (route: Route, request: Request) => {
    const body = request.postDataJSON() as TurnBody;
    sent.push(body);
    const out = await reply(body, sent.length - 1, route);
    if (out) await route.fulfill({ status: 200, contentType: 'application/json', json: out });
  });
  return sent;
}

/** The scripted conversation that shows every kind of action. */
function scripted(body: TurnBody) {
  if (body.slot)
    return turn('c1', 'Erledigt! Dein Termin ist gebucht. Eine Bestätigung kommt per E-Mail.', [
      {
        type: 'booked',
        code: 'AB12-CD34',
        service_title: 'Reisepass beantragen',
        office_name: 'Bürgerbüro Mitte',
        office_address: 'Markt 1, 41061 Musterstadt',
        start: body.slot.start,
        end: SLOTS.find((s) => s.start === body.slot!.start)!.end,
        label: SLOTS.find((s) => s.start === body.slot!.start)!.label,
        url: '/termine/AB12-CD34?token=tok',
        ics_url: '/api/appointments/AB12-CD34.ics?token=tok',
      },
      { type: 'reply', text: 'Sag meinen Termin ab' },
    ], [PASS]);
  if (body.text === 'Sag meinen Termin ab')
    return turn('c1', 'Ich habe den Termin abgesagt.\n\nBei Fragen helfen Dir diese Stellen gern persönlich weiter.', [
      { type: 'cancelled', code: 'AB12-CD34', label: 'Di., 1. Dezember, 9:30 Uhr' },
      {
        type: 'handoff',
        phone: '115',
        phone_label: 'Behördennummer 115',
        office_name: 'Bürgerbüro Mitte',
        office_phone: '02151 86-0',
        opening_hours: 'heute 8:00–18:00 Uhr',
      },
    ]);
  return turn(
    'c1',
    'Hallo Tom! Für Marokko brauchst Du einen Reisepass, der bei der Einreise noch mindestens sechs Monate gültig ist.\n\n' +
      'Das gilt:\n• Reisepass: ja\n• Personalausweis: nein <b>nicht</b> ausreichend\n\n' +
      'Maßgeblich sind die Reise- und Sicherheitshinweise des Auswärtigen Amts: https://www.auswaertiges-amt.de',
    [
      {
        type: 'offer_appointment',
        service_id: 'reisepass-beantragen',
        service_title: 'Reisepass beantragen',
        office_id: 'buergerbuero-mitte',
        office_name: 'Bürgerbüro Mitte',
        office_address: 'Markt 1, 41061 Musterstadt',
      },
      ...SLOTS.map((s) => ({ type: 'book', service_id: 'reisepass-beantragen', office_id: 'buergerbuero-mitte', ...s })),
      { type: 'login_required', url: '/anmelden?weiter=%2Fassistent', label: 'Anmelden für eine persönliche Prüfung' },
      { type: 'link', title: 'Reisepass beantragen', url: '/leistungen/reisepass-beantragen' },
      { type: 'link', title: 'Böser Link', url: 'javascript:alert(1)' },
      { type: 'reply', text: 'Ja, gerne' },
      { type: 'reply', text: 'Nein, danke' },
    ],
    [PASS, AA],
  );
}

test.describe('the chat page (answers of the contract shape)', () => {
  test('every kind of answer: text, offer with slot buttons, booked, cancelled, hand-off, login, links, sources', async ({
    page,
  }, testInfo) => {
    const sent = await mockTurns(page, (body) => scripted(body));
    await page.goto('/assistent');
    await expect(h1(page)).toHaveText('Assistent');
    await expect(page.getByRole('heading', { name: 'Wie kann ich Dir helfen?' })).toBeVisible();
    const examples = page.getByRole('list', { name: 'Beispielfragen' }).getByRole('button');
    await expect(examples).toHaveText([
      'Brauche ich für Marrakesch einen Pass?',
      'Was kostet ein Personalausweis?',
      'Ich ziehe um – was muss ich tun?',
      'Welche Termine habe ich?',
    ]);
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'assistent-leer');

    // Typed and sent with Enter; the focus stays in the box.
    await input(page).fill('Brauche ich für Marrakesch einen Pass?');
    await input(page).press('Enter');
    await expect(answers(page)).toHaveCount(1);
    expect(sent[0]).toEqual({ conversation_id: null, text: 'Brauche ich für Marrakesch einen Pass?' });
    await expect(input(page)).toBeFocused();
    await expect(input(page)).toHaveValue('');
    await expect(log(page).locator('.chat-msg-user')).toHaveText('Du: Brauche ich für Marrakesch einen Pass?');

    // Paragraphs and a list, never HTML, no link made from a URL in the text.
    const first = answers(page).first();
    await expect(first.locator('.chat-text > p')).toHaveCount(3);
    await expect(first.locator('.chat-text li')).toHaveText(['Reisepass: ja', 'Personalausweis: nein <b>nicht</b> ausreichend']);
    await expect(first.locator('.chat-text b')).toHaveCount(0);
    await expect(first.locator('.chat-text a')).toHaveCount(0);

    // The offer as a card, its three slots as buttons.
    const offer = first.getByRole('region', { name: 'Terminvorschlag' });
    await expect(offer).toContainText('Reisepass beantragen');
    await expect(offer).toContainText('Bürgerbüro Mitte');
    await expect(offer).toContainText('Markt 1, 41061 Musterstadt');
    const slots = offer.getByRole('group', { name: 'Freie Termine' }).getByRole('button');
    await expect(slots).toHaveText(SLOTS.map((s) => s.label));

    // Login that returns to the chat; links; a script URL is not a link; sources.
    await expect(first.getByRole('link', { name: 'Anmelden für eine persönliche Prüfung' })).toHaveAttribute(
      'href',
      '/anmelden?next=%2Fassistent',
    );
    await expect(first.locator('.chat-link a')).toHaveCount(1);
    await expect(first.getByText('Böser Link')).toBeVisible();
    const sources = first.getByRole('group', { name: 'Quellen' });
    await expect(sources.getByRole('link', { name: 'Reisepass beantragen' })).toHaveAttribute('href', PASS.url);
    await expect(sources.getByRole('link', { name: /Auswärtiges Amt/ })).toHaveAttribute('href', AA.url);
    await expect(page.getByText('test', { exact: true })).toHaveCount(0); // the intent is not shown
    // Quick replies follow the newest answer.
    await expect(page.getByRole('list', { name: 'Antwortvorschläge' }).getByRole('button')).toHaveText(['Ja, gerne', 'Nein, danke']);
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'assistent-angebot');

    // A slot button books; the focus moves to the new answer; the old slots are text now.
    await slots.nth(1).press('Enter');
    await expect(answers(page)).toHaveCount(2);
    expect(sent[1]).toEqual({ conversation_id: 'c1', slot: { office_id: 'buergerbuero-mitte', start: SLOTS[1].start } });
    await expect(answers(page).nth(1)).toBeFocused();
    await expect(log(page).locator('.chat-msg-user').nth(1)).toContainText('Termin: Di., 1. Dezember, 10:00 Uhr');
    await expect(offer.getByRole('button')).toHaveCount(0);
    const booked = answers(page).nth(1).getByRole('region', { name: 'Dein Termin ist gebucht' });
    await expect(booked).toContainText('AB12-CD34');
    await expect(booked).toContainText('Bürgerbüro Mitte');
    await expect(booked).toContainText('10:00 bis 10:20 Uhr');
    await expect(booked.getByRole('link', { name: 'Termin ansehen' })).toHaveAttribute('href', '/termine/AB12-CD34?token=tok');
    await expect(booked.getByRole('link', { name: 'In den Kalender (.ics)' })).toHaveAttribute(
      'href',
      '/api/appointments/AB12-CD34.ics?token=tok',
    );
    await expectNoSeriousViolations(page);

    // A quick reply sends its text: cancelled as a note, the hand-off with phone links.
    await page.getByRole('button', { name: 'Sag meinen Termin ab' }).click();
    await expect(answers(page)).toHaveCount(3);
    expect(sent[2]).toEqual({ conversation_id: 'c1', text: 'Sag meinen Termin ab' });
    const last = answers(page).nth(2);
    await expect(last).toContainText('Termin abgesagt: Der Termin AB12-CD34 (Di., 1. Dezember, 9:30 Uhr) ist abgesagt.');
    const handoff = last.getByRole('region', { name: 'Persönliche Beratung' });
    await expect(handoff.getByRole('link', { name: 'Anrufen: Behördennummer 115 115' })).toHaveAttribute('href', 'tel:115');
    await expect(handoff.getByRole('link', { name: /Bürgerbüro Mitte/ })).toHaveAttribute('href', 'tel:02151860');
    await expect(handoff).toContainText('heute 8:00–18:00 Uhr');
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'assistent-alle-aktionen');

    // At 375 px (small phones) nothing sticks out sideways.
    await page.setViewportSize({ width: 375, height: 812 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow at 375 px').toBeLessThanOrEqual(0);
  });

  test('busy while sending, errors shown and announced, a retry, the counter near the limit', async ({ page }, testInfo) => {
    let release: () => void = () => {};
    const sent = await mockTurns(page, async (body, n, route) => {
      if (n === 0) {
        await new Promise<void>((r) => (release = r));
        return turn('c1', 'Ein Personalausweis kostet 37 Euro.');
      }
      if (n === 1) {
        await route.fulfill({
          status: 400,
          contentType: 'application/problem+json',
          json: { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Die Frage ist leer.' },
        });
        return;
      }
      if (n === 2) {
        await route.abort('failed');
        return;
      }
      return turn('c1', `Antwort auf: ${body.text}`);
    });
    await page.goto('/assistent');
    await input(page).fill('Was kostet ein Personalausweis?');
    await page.getByRole('button', { name: 'Senden' }).click();
    const typing = page.locator('.chat-typing');
    await expect(typing).toContainText('schreibt …');
    await expect(page.getByRole('status').filter({ hasText: 'Der Assistent schreibt …' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Senden' })).toBeDisabled();
    await input(page).press('Enter'); // nothing is sent twice
    await shot(page, testInfo, 'assistent-schreibt');
    release();
    await expect(answers(page)).toHaveText(['Assistent: Ein Personalausweis kostet 37 Euro.']);
    await expect(typing).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Der Assistent schreibt …' })).toHaveCount(0);
    expect(sent).toHaveLength(1);

    await input(page).fill('Und das?');
    await input(page).press('Enter');
    await expect(page.getByRole('alert')).toContainText('Die Frage ist leer.');
    await input(page).fill('Und wo?');
    await input(page).press('Enter');
    await expect(page.getByRole('alert')).toContainText('Der Assistent ist gerade nicht erreichbar.');
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Noch einmal senden' }).click();
    await expect(answers(page).last()).toContainText('Antwort auf: Und wo?');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(sent.map((b) => b.text)).toEqual(['Was kostet ein Personalausweis?', 'Und das?', 'Und wo?', 'Und wo?']);

    // Shift+Enter is a new line; the counter appears near the limit, the box stops at 500.
    await input(page).fill('Zeile eins');
    await input(page).press('Shift+Enter');
    await input(page).pressSequentially('zwei');
    await expect(input(page)).toHaveValue('Zeile eins\nzwei');
    await expect(page.getByText(/von 500 Zeichen/)).toHaveCount(0);
    await input(page).fill('x'.repeat(450));
    await expect(page.getByText('450 von 500 Zeichen')).toBeVisible();
    await input(page).fill('x'.repeat(600));
    await expect(input(page)).toHaveValue('x'.repeat(500));
    await expect(page.getByText('500 von 500 Zeichen')).toBeVisible();
  });

  test('a forgotten conversation starts anew; the transcript survives a reload; "Neues Gespräch"', async ({ page }) => {
    const sent = await mockTurns(page, (_body, n) => turn(n === 0 ? 'c1' : 'c2', `Antwort ${n}`));
    // The server has forgotten c1 (idle too long): it answers 404.
    await page.route(TURN, async (route, request) => {
      const body = request.postDataJSON() as TurnBody;
      if (body.conversation_id === 'c1') {
        sent.push(body);
        await route.fulfill({ status: 404, contentType: 'application/problem+json', json: { status: 404, title: 'Not Found' } });
      } else await route.fallback();
    });
    await page.goto('/assistent');
    await input(page).fill('Was kostet ein Reisepass?');
    await input(page).press('Enter');
    await expect(answers(page)).toHaveText(['Assistent: Antwort 0']);

    await input(page).fill('Und wo?');
    await input(page).press('Enter');
    await expect(answers(page)).toHaveCount(2);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(sent.map((b) => b.conversation_id)).toEqual([null, 'c1', null]);

    await page.reload();
    await expect(answers(page)).toHaveCount(2);
    await expect(log(page).locator('.chat-msg-user')).toHaveText(['Du: Was kostet ein Reisepass?', 'Du: Und wo?']);

    await page.getByRole('button', { name: 'Neues Gespräch' }).click();
    await expect(answers(page)).toHaveCount(0);
    await expect(input(page)).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Wie kann ich Dir helfen?' })).toBeVisible();
    await page.getByRole('button', { name: 'Was kostet ein Personalausweis?' }).click();
    await expect(answers(page)).toHaveCount(1);
    expect(sent[sent.length - 1]).toEqual({ conversation_id: null, text: 'Was kostet ein Personalausweis?' });
  });

  test('deep links: ?frage= asks once, ?leistung= opens the conversation about a service', async ({ page }) => {
    const sent = await mockTurns(page, (body, n) =>
      turn('c1', body.service_id ? 'Zum Reisepass kann ich Dir sagen, was er kostet und was Du mitbringst.' : `Antwort ${n}`),
    );
    await page.goto(`/assistent?frage=${encodeURIComponent('Mein Reisepass läuft bald ab. Ich brauche einen Termin.')}`);
    await expect(answers(page)).toHaveCount(1);
    await expect(page).toHaveURL(/\/assistent$/);
    expect(sent).toEqual([{ conversation_id: null, text: 'Mein Reisepass läuft bald ab. Ich brauche einen Termin.' }]);
    await page.reload();
    await expect(answers(page)).toHaveCount(1);
    expect(sent).toHaveLength(1);

    // The service page leads into the chat with its id.
    await page.goto('/leistungen/reisepass-beantragen');
    await page.getByRole('link', { name: 'Frag den Assistenten' }).click();
    await expect(answers(page)).toHaveCount(2);
    await expect(page).toHaveURL(/\/assistent$/);
    expect(sent[1]).toEqual({ conversation_id: 'c1', service_id: 'reisepass-beantragen' });
    await expect(answers(page).last()).toContainText('Zum Reisepass kann ich Dir sagen');
  });

  test('logging out ends the conversation of the tab', async ({ page }) => {
    await mockTurns(page, () => turn('c1', 'Hallo Tom!'));
    await loginAs(page, 'tom');
    await page.goto('/assistent');
    await input(page).fill('Hallo');
    await input(page).press('Enter');
    await expect(answers(page)).toHaveCount(1);
    // Logging out on the account page (same tab) forgets it; the chat starts empty.
    await page.goto('/konto');
    await page.getByRole('main').getByRole('button', { name: 'Abmelden', exact: true }).click();
    await expect(page).toHaveURL(/\/anmelden/);
    await page.goto('/assistent');
    await expect(page.getByRole('heading', { name: 'Wie kann ich Dir helfen?' })).toBeVisible();
    await expect(answers(page)).toHaveCount(0);
  });
});

test.describe('the assistant of this server', () => {
  test.describe.configure({ timeout: 60_000 });

  test('tom asks about Marrakesch and books the renewal of his Reisepass in the chat', async ({ page }, testInfo) => {
    await loginAs(page, 'tom');
    await page.goto('/assistent');
    await input(page).fill('Brauche ich für Marrakesch einen Pass?');
    await input(page).press('Enter');
    const answer = answers(page).first();
    await expect(answer).toContainText('Hallo Tom!');
    for (const words of ['Marokko', 'Reisepass', 'sechs Monate', '4 Monaten', 'Auswärtige'])
      await expect(answer).toContainText(words);
    const offer = answer.getByRole('region', { name: 'Terminvorschlag' });
    await expect(offer).toContainText('Reisepass beantragen');
    const slots = offer.getByRole('group', { name: 'Freie Termine' }).getByRole('button');
    await expect(slots).toHaveCount(3);
    await expect(answer.getByRole('group', { name: 'Quellen' }).getByRole('link').first()).toBeVisible();
    await expect(input(page)).toBeFocused();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'assistent-marrakesch-angebot');

    await input(page).fill('Ja, gerne');
    await input(page).press('Enter');
    const booked = answers(page).nth(1).getByRole('region', { name: 'Dein Termin ist gebucht' });
    await expect(booked).toBeVisible();
    await expect(booked).toContainText('Reisepass beantragen');
    const code = ((await booked.locator('.booking-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9-]{4,}$/);
    await expect(booked.getByRole('link', { name: 'Termin ansehen' })).toHaveAttribute('href', new RegExp(`^/termine/${code}\\?token=`));
    const ics = await page.request.get((await booked.getByRole('link', { name: 'In den Kalender (.ics)' }).getAttribute('href'))!);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VEVENT');
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'assistent-marrakesch');

    // The chat lists it too.
    await input(page).fill('Welche Termine habe ich?');
    await input(page).press('Enter');
    await expect(answers(page).nth(2)).toContainText(code);
    await shot(page, testInfo, 'assistent-meine-termine');

    await page.goto('/konto/termine');
    const upcoming = page.getByRole('region', { name: 'Kommende Termine' });
    await expect(upcoming.getByRole('listitem').filter({ hasText: code })).toContainText('Reisepass beantragen');
  });

  test('a slot button books the time it shows; the focus moves to the confirmation', async ({ page }) => {
    await loginAs(page, 'tom');
    await page.goto('/assistent');
    await input(page).fill('Ich brauche einen Termin für einen Personalausweis.');
    await input(page).press('Enter');
    const offer = answers(page).first().getByRole('region', { name: 'Terminvorschlag' });
    await expect(offer).toContainText('Personalausweis');
    const slots = offer.getByRole('group', { name: 'Freie Termine' }).getByRole('button');
    await expect(slots).toHaveCount(3);
    const label = ((await slots.nth(1).textContent()) ?? '').trim();
    await slots.nth(1).focus();
    await page.keyboard.press('Enter');
    await expect(answers(page).nth(1)).toBeFocused();
    const booked = answers(page).nth(1).getByRole('region', { name: 'Dein Termin ist gebucht' });
    await expect(booked).toContainText('Personalausweis');
    await expect(answers(page).nth(1)).toContainText(label.replace(/ Uhr$/, ''));
    await expect(offer.getByRole('button')).toHaveCount(0);
  });

  test('"Frag den Assistenten" on a service page opens the conversation about that service', async ({ page }) => {
    await page.goto('/leistungen/reisepass-beantragen');
    await page.getByRole('link', { name: 'Frag den Assistenten' }).click();
    await expect(h1(page)).toHaveText('Assistent');
    await expect(answers(page).first()).toContainText('Reisepass');
    await expect(page).toHaveURL('/assistent');
    // A follow-up relies on the service as the topic.
    await input(page).fill('Und was kostet das?');
    await input(page).press('Enter');
    await expect(answers(page).nth(1)).toContainText('70,00 €');
  });

  test('anonymously: the general answer and a login for the personal check', async ({ page }, testInfo) => {
    await page.goto('/assistent');
    await input(page).fill('Reicht mein Ausweis für Mailand?');
    await input(page).press('Enter');
    const answer = answers(page).first();
    await expect(answer).toContainText('Italien');
    const login = answer.getByRole('link', { name: 'Anmelden für eine persönliche Prüfung' });
    await expect(login).toBeVisible();
    await expectNoSeriousViolations(page);
    await shot(page, testInfo, 'assistent-mailand-anonym');
    await login.click();
    await expect(page).toHaveURL(/\/anmelden\?next=%2Fassistent$/);
  });
});
