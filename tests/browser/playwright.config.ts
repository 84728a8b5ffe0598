// Browser tests of the Stadtkern web app (Playwright + Debian's chromium).
//
//   cd web && npm run build && npm run test:browser
//
// Without STADTKERN_URL the real server is started with the Musterstadt demo
// data (the catalogue tests rely on its services):
//   ${STADTKERN_BIN:-<repo>/build/stadtkern} serve --demo --port 18480
//     --bind 127.0.0.1 --data-dir <fresh temp dir> --web-dir <repo>/web/dist
// With STADTKERN_URL=http://host:port the tests run against that server
// instead (e.g. `npm run preview` while developing the front end).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const here = __dirname;
const repo = path.resolve(here, '../..');
const port = Number(process.env.STADTKERN_TEST_PORT ?? 18480);
const external = process.env.STADTKERN_URL?.replace(/\/+$/, '');
const baseURL = external ?? `http://127.0.0.1:${port}`;

function serverCommand(): string {
  const bin = process.env.STADTKERN_BIN
    ? path.resolve(process.env.STADTKERN_BIN)
    : path.join(repo, 'build', 'stadtkern');
  const webDir = path.join(repo, 'web', 'dist');
  if (!existsSync(path.join(webDir, 'index.html'))) {
    throw new Error(`${webDir}/index.html is missing: run "npm run build" in web/ first`);
  }
  if (!existsSync(bin)) {
    throw new Error(`Stadtkern binary ${bin} not found: build it, set STADTKERN_BIN, or set STADTKERN_URL`);
  }
  // One fresh data dir per run, made once in the runner process (workers
  // load this file again and inherit the variable) and removed at its exit.
  if (!process.env.STADTKERN_BROWSER_DATA_DIR) {
    const dir = mkdtempSync(path.join(tmpdir(), 'stadtkern-browser-'));
    process.env.STADTKERN_BROWSER_DATA_DIR = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    q(bin),
    'serve',
    '--demo',
    `--port ${port}`,
    '--bind 127.0.0.1',
    `--data-dir ${q(process.env.STADTKERN_BROWSER_DATA_DIR)}`,
    `--web-dir ${q(webDir)}`,
  ].join(' ');
}

export default defineConfig({
  testDir: here,
  outputDir: path.join(here, 'test-results'),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: 'list',
  use: {
    baseURL,
    headless: true,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.STADTKERN_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      grepInvert: /@mobile/,
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'mobile',
      grepInvert: /@desktop/,
      use: {
        browserName: 'chromium',
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: external
    ? undefined
    : {
        command: serverCommand(),
        // Five weeks of sensor history fill the 24 h, 7 and 30 day charts
        // without the year's back-fill (1.5 GB, minutes of CPU) in every run.
        env: { ...process.env, STADTKERN_CONTEXT_SIMULATOR_HISTORY_DAYS: '35' } as Record<string, string>,
        url: `${baseURL}/health`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'ignore', // the access log
        stderr: 'pipe',
      },
});
