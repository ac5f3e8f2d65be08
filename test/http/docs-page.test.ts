import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { testDatabases } from '../helpers/databases.ts';
import { startPersona, type TestPersona, uniqueName } from '../helpers/persona.ts';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = process.env.CI === 'true';
const skip = !existsSync(executablePath) && !required ? `no Chromium at ${executablePath}` : false;
const sqlite = testDatabases[0];
assert.ok(sqlite);

describe('the /docs page in headless Chromium', { skip }, () => {
  let persona: TestPersona;
  let browser: Browser;
  let origin: string;

  before(async () => {
    persona = await startPersona(sqlite);
    await persona.http.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(persona.http.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await persona?.close();
  });

  it('renders every face from /openapi.json, with nothing loaded from outside', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    await page.goto(`${origin}/docs`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const paths = await page.locator('.opblock-summary-path').allInnerTexts();
    const normalised = paths.map((p) => p.replace(/\u200b/g, '').trim());
    for (const expected of ['/api/oauth2/token', '/api/apps/{appID}/users/{userRef}', '/admin/v1/users', '/healthz']) {
      assert.ok(normalised.includes(expected), `${expected} is rendered; saw ${normalised.join(', ')}`);
    }
    assert.match((await page.locator('.info .title').textContent()) ?? '', /Persona/);
    if (process.env.DOCS_SCREENSHOT) await page.screenshot({ path: process.env.DOCS_SCREENSHOT, fullPage: false });
    assert.deepEqual(foreign, []);
  });

  it('"Try it out" signs up, logs in and reads /users/me with the credentials given to Authorize', async () => {
    const app = await persona.createApp();
    const loginName = uniqueName('docs');
    const page = await browser.newPage();
    await page.goto(`${origin}/docs`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });

    await authorize(page, 'kiiAppId', app.appId);
    await authorize(page, 'kiiAppKey', app.appKey);

    const signUp = await tryOut(page, 'signUp', {
      params: { appID: app.appId },
      body: { loginName, password: 'pass-word1', displayName: 'Docs' },
    });
    assert.equal(signUp.status, '201', signUp.body);
    const userId = JSON.parse(signUp.body).userID;
    assert.match(userId, /^[0-9a-f-]{36}$/);

    const logIn = await tryOut(page, 'issueToken', { body: { username: loginName, password: 'pass-word1' } });
    assert.equal(logIn.status, '200', logIn.body);
    const token = JSON.parse(logIn.body).access_token;
    assert.equal(typeof token, 'string');

    await authorize(page, 'kiiToken', token);
    const me = await tryOut(page, 'getUser', { params: { appID: app.appId, userRef: 'me' } });
    assert.equal(me.status, '200', me.body);
    const body = JSON.parse(me.body);
    assert.equal(body.userID, userId);
    assert.equal(body.loginName, loginName.toLowerCase());
    assert.equal(body.displayName, 'Docs');
    await page.close();
  });
});

/** Gives a security scheme its value in the Authorize dialog, as a reader of the page would. */
async function authorize(page: Page, scheme: string, value: string): Promise<void> {
  await page.click('.auth-wrapper .btn.authorize');
  const container = page
    .locator('.modal-ux .auth-container')
    .filter({ has: page.locator('h4 code', { hasText: new RegExp(`^${scheme}$`) }) });
  await container.locator('input').fill(value);
  await container.locator('button.authorize').click();
  await page.click('.modal-ux .close-modal');
}

/** Opens an operation, presses "Try it out", fills its parameters and body, executes it; the live answer. */
async function tryOut(
  page: Page,
  operationId: string,
  input: { params?: Record<string, string>; body?: object },
): Promise<{ status: string; body: string }> {
  const operation: Locator = page.locator(`.opblock[id$="-${operationId}"]`);
  if (!(await operation.locator('.try-out__btn').isVisible())) await operation.locator('.opblock-summary').click();
  await operation.locator('.try-out__btn').click();
  for (const [name, value] of Object.entries(input.params ?? {})) {
    await operation.locator(`tr[data-param-name="${name}"] input`).fill(value);
  }
  if (input.body) await operation.locator('textarea.body-param__text').fill(JSON.stringify(input.body));
  await operation.locator('button.execute').click();
  const answer = operation.locator('.live-responses-table tbody .response');
  await answer.waitFor({ timeout: 15_000 });
  return {
    status: (await answer.locator('.response-col_status').innerText()).trim(),
    body: await answer.locator('.response-col_description pre').first().innerText(),
  };
}
