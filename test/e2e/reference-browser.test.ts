import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { routes } from '../../functions/routes';
import { STAGES, useTestGateway } from './support/http-client';

/**
 * The reference page in a real browser: headless Chromium (Debian's `chromium` package; `.ci/run` installs
 * it) drives `/{stage}/docs` served by the local gateway. The operations render, "Try it out" on
 * `GET /health` shows this stage's answer, a problem type's anchor lands on its entry, and the page asks
 * nothing of any origin but the API's own.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const client = useTestGateway();
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 60_000);
afterAll(() => browser?.close());

/** A page that records every request it makes and every error it logs (a CSP violation is one). */
async function openPage(url: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.locator('.opblock').first().waitFor({ timeout: 45_000 });
  return { page, requests, errors };
}

describe.each(STAGES)('the reference page of %s in Chromium', (stage) => {
  it("renders every operation, lands on a problem type's anchor, and Try it out on GET /health shows this stage's answer", async () => {
    // Prepare: the page, opened at a problem type's entry (where a problem's `type` URI leads)
    const { page, requests, errors } = await openPage(`${client.baseUrl}/${stage}/docs#precondition-failed`);
    try {
      // Assert: one block per route, under its tag and operation id
      const rendered = await page
        .locator('.opblock')
        .evaluateAll((blocks) => blocks.map((block) => block.id));
      expect(rendered.sort()).toEqual(routes.map((route) => `operations-${route.tag}-${route.id}`).sort());
      // …and the entry scrolled into view once they are laid out
      // (A string: this file is type-checked without the DOM's types.)
      await page.waitForFunction(
        `(() => {
          const top = document.getElementById('precondition-failed')?.getBoundingClientRect().top ?? -1;
          return top >= 0 && top < window.innerHeight;
        })()`,
        undefined,
        { timeout: 15_000 },
      );
      expect(await page.locator('#precondition-failed h3').innerText()).toBe(
        'precondition-failed 412 Precondition failed',
      );

      // Act: Try it out → Execute on GET /health
      const health = page.locator('#operations-Meta-Health');
      await health.locator('.opblock-summary').click();
      await health.locator('button.try-out__btn').click();
      await health.locator('button.execute').click();
      const answer = health.locator('.live-responses-table tbody tr.response').first();
      await answer.waitFor({ timeout: 15_000 });

      // Assert: this stage answered, and the page asked nothing of any other origin or stage
      expect(await answer.locator('.response-col_status').innerText()).toBe('200');
      const body = await answer.locator('.response-col_description pre.microlight').first().innerText();
      expect(JSON.parse(body)).toEqual({ status: 'ok', version: stage });
      expect(await health.locator('.request-url pre').innerText()).toBe(`${client.baseUrl}/${stage}/health`);
      expect(requests.filter((url) => !url.startsWith(`${client.baseUrl}/${stage}/`))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});
