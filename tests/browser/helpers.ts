import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The demo accounts of `serve --demo` (password = username). */
export type DemoUser = 'tom' | 'anna' | 'admin';

/** Logs the page's browser context in through the API (cookie sk_session). */
export async function loginAs(page: Page, who: DemoUser) {
  const res = await page.request.post('/api/auth/login', { data: { username: who, password: who } });
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
