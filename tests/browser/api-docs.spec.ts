// /api/docs renders the server's OpenAPI document with Swagger UI.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { expectNoSeriousViolations, watchOrigin } from './helpers';
import { ARTIFACTS } from './pages';

test('the API documentation shows the title of the OpenAPI document', async ({ page, request, baseURL }, testInfo) => {
  const res = await request.get('/api/openapi.json');
  const isJson = (res.headers()['content-type'] ?? '').includes('json');
  // Against the real server (started by the config) this must run; only an
  // external STADTKERN_URL without the API (e.g. `vite preview`) may skip it.
  if (process.env.STADTKERN_URL) {
    test.skip(
      res.status() !== 200 || !isJson,
      `GET /api/openapi.json answered ${res.status()} ${res.headers()['content-type'] ?? ''} at ${process.env.STADTKERN_URL}: no Stadtkern API there (e.g. vite preview)`,
    );
  }
  expect(res.status(), 'GET /api/openapi.json').toBe(200);
  const doc = (await res.json()) as { info: { title: string; version: string } };
  expect(doc.info.title).toBeTruthy();

  const origin = await watchOrigin(page, baseURL!);
  await page.goto('/api/docs');
  await expect(page).toHaveTitle(/API/);
  const title = page.locator('#swagger-ui').getByRole('heading', { name: doc.info.title }).first();
  await expect(title).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('link', { name: 'Zur Entwickler-Seite' })).toBeVisible();
  await expectNoSeriousViolations(page);
  await origin.expectSelfContained();
  await page.screenshot({ path: path.join(ARTIFACTS, `${testInfo.project.name}-api-docs.png`), fullPage: true });
});

test('the OpenAPI document is valid OpenAPI 3.1', async ({ request }) => {
  test.skip(!!process.env.STADTKERN_URL && (await request.get('/api/openapi.json')).status() !== 200,
    'no Stadtkern API at STADTKERN_URL');
  const res = await request.get('/api/openapi.json');
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe('3.1.0');
  const validator = new Validator();
  const result = await validator.validate(doc);
  expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
  expect(result.valid).toBe(true);
  // A deliberately broken copy must fail, so the check above can fail too.
  const broken = { ...doc, paths: { '/api/x': { get: { responses: 'none' } } } };
  expect((await new Validator().validate(broken)).valid).toBe(false);
});
