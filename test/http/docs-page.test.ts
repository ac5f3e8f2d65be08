import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { testDatabases } from '../helpers/databases.ts';
import { startPersona, type TestPersona } from '../helpers/persona.ts';

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
});
