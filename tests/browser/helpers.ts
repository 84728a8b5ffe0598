import { execFileSync } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** The demo accounts of `serve --demo` (password = username). */
export type DemoUser = 'tom' | 'anna' | 'admin';

/** Logs the page's browser context in through the API (cookie sk_session). */
export async function loginAs(page: Page, who: DemoUser) {
  // A request that carries a cookie must name this site as its Origin, as a browser does.
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const res = await page.request.post('/api/auth/login', {
    data: { username: who, password: who },
    headers: { Origin: origin },
  });
  expect(res.status(), `login as ${who}`).toBe(200);
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core on the current page: no serious or critical WCAG 2.1 A/AA issue. */
export async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe-core violations on ${page.url()}`).toEqual([]);
}

/**
 * Records what a privacy- and CSP-minded operator cares about: requests to
 * any other origin, and Content-Security-Policy violations (when the server
 * sends a CSP). Call before page.goto, check with expectSelfContained.
 */
export async function watchOrigin(page: Page, baseURL: string) {
  const origin = new URL(baseURL).origin;
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return {
    async expectSelfContained() {
      expect(foreign, 'requests to other origins').toEqual([]);
      const csp = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
      expect(csp, 'Content-Security-Policy violations').toEqual([]);
    },
  };
}

/**
 * The link in the newest mail to `recipient`, read from the outbox table of
 * the server this run started (mail delivery by SMTP is a later step; the
 * outbox is where the server puts the mail). Undefined when the tests run
 * against a server given by STADTKERN_URL, whose database they cannot see.
 */
export function mailedLink(recipient: string): string | undefined {
  const dir = process.env.STADTKERN_BROWSER_DATA_DIR;
  if (!dir || process.env.STADTKERN_URL) return undefined;
  const script = [
    'import sqlite3, sys',
    'db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)',
    'row = db.execute("SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC, rowid DESC LIMIT 1", (sys.argv[2],)).fetchone()',
    'print(row[0] if row else "")',
  ].join('\n');
  const body = execFileSync('/usr/bin/python3', ['-c', script, path.join(dir, 'stadtkern.db'), recipient], {
    encoding: 'utf8',
  });
  const m = /(\/konto\/[a-z-]+#token=[A-Za-z0-9_-]+)/.exec(body);
  expect(m, `a link in the mail to ${recipient}: ${body}`).not.toBeNull();
  return m![1];
}

/** A name no earlier run used (the server keeps accounts in its data dir). */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}
