import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import {
  appHeaders,
  bearer,
  startPersona,
  type TestPersona,
  type TestUser,
  uniqueName,
} from '../../helpers/persona.ts';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = process.env.CI === 'true';
const skip = !existsSync(executablePath) && !required ? `no Chromium at ${executablePath}` : false;
const sqlite = testDatabases[0];
assert.ok(sqlite);

/** Screenshots of each page, kept as artefacts of the run (gitignored). */
const artefacts = new URL('../../../test-artifacts/console/', import.meta.url);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The console as an administrator uses it, in Debian's Chromium: every step through the pages (typing, clicking),
 * every effect checked from outside (the Kii face, the admin API, the core). The browser test runs on SQLite; the
 * core calls the console added are tested on both databases in `sign-out.test.ts`.
 */
describe('the admin console in headless Chromium', { skip }, () => {
  let persona: TestPersona;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  let app: CreatedApp;
  let target: TestUser;
  let other: TestUser;
  const cspViolations: string[] = [];

  before(async () => {
    mkdirSync(artefacts, { recursive: true });
    persona = await startPersona(sqlite);
    await persona.http.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(persona.http.server.address() as AddressInfo).port}`;
    app = await persona.createApp('Console app');
    const prefix = uniqueName('zed');
    target = await persona.createUser(app, { displayName: `${prefix} <b>Target</b>` });
    await persona.createUser(app, { displayName: 'Someone else' });
    other = await persona.createUser(app, { displayName: 'Bystander' });
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
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await persona?.close();
  });

  const shoot = (name: string) => page.screenshot({ path: new URL(`${name}.png`, artefacts).pathname, fullPage: true });
  const cookieValue = async () => (await context.cookies()).find((c) => c.name === 'persona_console')?.value;
  const logIn = (user: TestUser) =>
    persona.request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: appHeaders(app),
      payload: { username: user.loginName, password: user.password },
    });
  const readMe = (token: string) =>
    persona.request({ method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(token) });

  /** Runs axe in the page; the serious and critical violations, described. */
  async function accessibilityProblems(): Promise<string[]> {
    // Evaluated over the DevTools protocol, which the page's CSP does not govern (an injected <script> it would).
    await page.evaluate(axeSource);
    // Strings, not functions: the tests are typed without the DOM's names.
    const results = (await page.evaluate('axe.run()')) as AxeResults;
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('sends a visitor to the sign-in page, refuses a wrong secret beside the form, and signs in', async () => {
    await page.goto(`${origin}/console`);
    assert.equal(new URL(page.url()).pathname, '/console/sign-in');
    await page.getByLabel('Client id').fill(app.clientId);
    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /not right/);
    assert.equal(await cookieValue(), undefined);
    await shoot('sign-in');
    assert.deepEqual(await accessibilityProblems(), []);

    await page.getByLabel('Client secret').fill(app.clientSecret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${origin}/console/users`);
    const cookie = (await context.cookies()).find((c) => c.name === 'persona_console');
    assert.ok(cookie, 'the session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/console');
    // The cookie holds a live admin token of this app: the admin API takes it.
    const asAdmin = await persona.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(cookie.value) });
    assert.equal(asAdmin.statusCode, 200);
    assert.equal(asAdmin.json().appId, app.appId);
  });

  it('finds a user as the name is typed, without leaving the page', async () => {
    const loaded = page.url();
    await page.getByLabel(/Find a user/).pressSequentially(target.loginName.slice(0, 8), { delay: 30 });
    const row = page.locator('#user-results tbody tr');
    await row.first().waitFor();
    await page.getByLabel(/Find a user/).pressSequentially(target.loginName.slice(8), { delay: 10 });
    // The three users listed at first narrow to one as the name is typed, on the same page.
    await row.nth(1).waitFor({ state: 'detached' });
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? '', new RegExp(target.loginName));
    // The display name's markup is shown as text, not rendered.
    assert.match((await row.textContent()) ?? '', /<b>Target<\/b>/);
    assert.equal(await page.locator('#user-results b').count(), 0);
    assert.equal(new URL(page.url()).pathname, new URL(loaded).pathname);
    assert.equal(new URL(page.url()).searchParams.get('q'), target.loginName);
    await shoot('users');
    assert.deepEqual(await accessibilityProblems(), []);
  });

  it("shows the user's page; disabling them refuses their log-in through the Kii face", async () => {
    await page.getByRole('link', { name: target.loginName }).click();
    await page.waitForURL(/\/console\/users\/[0-9a-f-]{36}$/);
    assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', new RegExp(target.loginName));
    assert.equal(await page.locator('#tokens-h ~ .table-wrap tbody tr').count(), 2, 'access and refresh token');
    await shoot('user');
    assert.deepEqual(await accessibilityProblems(), []);

    assert.equal((await logIn(target)).statusCode, 200, 'logs in before');
    await page.getByRole('button', { name: 'Disable' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /disabled/);
    const refused = await logIn(target);
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().errorCode, 'invalid_grant');
    assert.equal((await logIn(other)).statusCode, 200, 'other users are untouched');

    await page.getByRole('button', { name: 'Enable' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /enabled/);
    assert.equal((await logIn(target)).statusCode, 200);
  });

  it("revokes the user's sessions: their token then answers 401", async () => {
    const session = await logIn(target);
    const token = session.json().access_token as string;
    assert.equal((await readMe(token)).statusCode, 200);
    const bystander = await logIn(other);
    await page.getByRole('button', { name: 'Revoke all sessions' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /Every session/);
    assert.equal((await readMe(token)).statusCode, 401);
    assert.equal((await readMe(bystander.json().access_token)).statusCode, 200);
  });

  it('refuses a change without the form token or from another origin (403), and nothing changes', async () => {
    const cookie = await cookieValue();
    assert.ok(cookie);
    const url = `${origin}/console/users/${target.id}/disable`;
    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie: `persona_console=${cookie}` };
    const withoutToken = await fetch(url, { method: 'POST', headers: form, body: '', redirect: 'manual' });
    assert.equal(withoutToken.status, 403);
    assert.match(withoutToken.headers.get('content-type') ?? '', /text\/html/);
    const wrongToken = await fetch(url, { method: 'POST', headers: form, body: '_csrf=guess', redirect: 'manual' });
    assert.equal(wrongToken.status, 403);
    // The right form token, as the page holds it, but sent from another site's page.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const crossSite = await fetch(url, {
      method: 'POST',
      headers: { ...form, origin: 'https://attacker.example' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
      redirect: 'manual',
    });
    assert.equal(crossSite.status, 403);
    const user = await persona.request({
      method: 'GET',
      url: `/admin/v1/users/${target.id}`,
      headers: bearer(cookie),
    });
    assert.equal(user.json().disabled, false, 'the refused changes did nothing');
    assert.equal((await logIn(target)).statusCode, 200);
    // The same request with the token, from the console's own origin, is taken (so the refusals above were the checks).
    const taken = await fetch(url, {
      method: 'POST',
      headers: { ...form, origin },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
      redirect: 'manual',
    });
    assert.equal(taken.status, 303);
    assert.equal((await logIn(target)).statusCode, 400);
    await page.reload();
    await page.getByRole('button', { name: 'Enable' }).click();
    assert.equal((await logIn(target)).statusCode, 200);
  });

  it('refuses an out-of-range setting with the error beside the field, and saves a good one', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`${origin}/console/settings`);
    const field = page.getByLabel('Shortest password');
    assert.equal(await field.inputValue(), '8');
    assert.match((await page.locator('#passwordMinLength-range').textContent()) ?? '', /4 to 50/);
    assert.deepEqual(await accessibilityProblems(), []);
    await field.fill('99');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    const error = page.locator('#passwordMinLength-error');
    assert.match((await error.textContent()) ?? '', /from 4 to 50/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match((await field.getAttribute('aria-describedby')) ?? '', /passwordMinLength-error/);
    assert.equal(await field.inputValue(), '99', 'the value sent is shown again');
    assert.equal((await persona.core.apps.getApp(app.appId)).settings.passwordMinLength, 8, 'nothing was saved');
    await shoot('settings-error');
    assert.deepEqual(await accessibilityProblems(), []);

    await field.fill('10');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /saved/);
    assert.equal((await persona.core.apps.getApp(app.appId)).settings.passwordMinLength, 10);
  });

  it('reads the audit entries of those actions, filtered by user and by action', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('User id').fill(target.id);
    await page.getByRole('button', { name: 'Filter' }).click();
    const rows = page.locator('tbody tr');
    const actions = (await rows.allTextContents()).map((text) => /user\.[a-z_]+/.exec(text)?.[0]);
    // Newest first: the disable and enable around the refused forgeries, the revocation, the first disable and enable.
    assert.deepEqual(actions, [
      'user.enabled',
      'user.disabled',
      'user.tokens_revoked',
      'user.enabled',
      'user.disabled',
    ]);
    assert.match((await rows.first().textContent()) ?? '', new RegExp(`the admin ${app.clientId}`));
    await shoot('audit');
    assert.deepEqual(await accessibilityProblems(), []);

    await page.getByLabel('User id').fill('');
    await page.getByLabel('Action').selectOption('app.settings_changed');
    await page.getByRole('button', { name: 'Filter' }).click();
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().textContent()) ?? '', /passwordMinLength/);
  });

  it('lists a catalogue and deletes an item from it', async () => {
    const token = await persona.adminToken(app);
    const saved = await persona.request({
      method: 'PUT',
      url: '/admin/v1/preference-options',
      headers: bearer(token),
      payload: { items: [{ category: 'MovieGenre', label: 'Horror', attribute: 'genre:Horror' }] },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    await page.getByRole('link', { name: 'Catalogues' }).click();
    const row = page.locator('tbody tr', { hasText: 'Horror' });
    await row.waitFor();
    await shoot('catalogues');
    assert.deepEqual(await accessibilityProblems(), []);
    await page.getByRole('link', { name: 'Delete Horror…' }).click();
    await page.getByRole('button', { name: 'Delete Horror' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /deleted/);
    assert.equal(await row.count(), 0);
    const left = await persona.request({ method: 'GET', url: '/admin/v1/preference-options', headers: bearer(token) });
    assert.deepEqual(left.json().items, []);
  });

  it('uploads a CSV of movies and follows its job to the end, then lists the movies', async () => {
    await page.getByRole('link', { name: 'Catalogues' }).click();
    await page.getByRole('link', { name: 'Movies' }).click();
    const rows = ['id,title,year,genres'];
    for (let n = 0; n < 1200; n += 1) {
      rows.push(`${randomUUID()},Uploaded film ${String(n).padStart(4, '0')},${1950 + (n % 70)},Drama|Horror`);
    }
    await page.getByLabel('File').setInputFiles({
      name: 'movies.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/console\/jobs\/[0-9a-f-]{36}$/);
    const bar = page.locator('progress#job-progress');
    await bar.waitFor();
    // The script follows the job without reloading the page: the bar reaches 100 and the status says done.
    await page.getByRole('status').filter({ hasText: 'Done. 1200 of 1200 saved.' }).waitFor();
    assert.equal(await bar.getAttribute('max'), '100');
    assert.equal(await bar.getAttribute('value'), '100');
    await shoot('job');
    assert.deepEqual(await accessibilityProblems(), []);
    await page.getByRole('link', { name: 'See the movies' }).click();
    await page.locator('tbody tr', { hasText: 'Uploaded film' }).first().waitFor();
    assert.equal(await page.locator('tbody tr').count(), 20);
  });

  it('creates a school (the core refusal beside the field), edits it, and uploads a CSV of schools to its end', async () => {
    await page.getByRole('link', { name: 'Catalogues' }).click();
    await page.getByRole('link', { name: 'Schools' }).click();
    await page.getByRole('link', { name: 'New item of schools' }).click();
    const name = page.getByLabel('Name');
    await name.fill('x'.repeat(301));
    await page.getByRole('button', { name: 'Create' }).click();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.match((await page.locator('#name-error').textContent()) ?? '', /must be 1 to 300 characters/);
    await shoot('school-refused');
    assert.deepEqual(await accessibilityProblems(), []);
    await name.fill('Lycée Hoche');
    await page.getByRole('button', { name: 'Create' }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /saved/);
    await page.getByRole('link', { name: 'Edit Lycée Hoche' }).click();
    assert.equal(await name.inputValue(), 'Lycée Hoche');
    await shoot('school-edit');
    assert.deepEqual(await accessibilityProblems(), []);
    await name.fill('Lycée Hoche, Versailles');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tbody tr', { hasText: 'Lycée Hoche, Versailles' }).waitFor();

    const rows = ['name'];
    for (let n = 0; n < 300; n += 1) rows.push(`"Uploaded school ${String(n).padStart(3, '0')}, annex"`);
    await page.getByLabel('File').setInputFiles({
      name: 'schools.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/console\/jobs\/[0-9a-f-]{36}$/);
    await page.getByRole('status').filter({ hasText: 'Done. 300 of 300 saved.' }).waitFor();
    assert.equal(await page.locator('progress#job-progress').getAttribute('value'), '100');
    assert.deepEqual(await accessibilityProblems(), []);
    await page.getByRole('link', { name: 'See the schools' }).click();
    await page.locator('tbody tr', { hasText: 'Uploaded school' }).first().waitFor();
    const token = await persona.adminToken(app);
    const admin = await persona.core.sessions.authenticate(token, undefined);
    let count = 0;
    let cursor: string | undefined;
    do {
      const listed = await persona.core.students.listOptions(admin, 'schools', { cursor, limit: 100 });
      count += listed.items.length;
      cursor = listed.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(count, 301);
  });

  it("shows the app's jobs", async () => {
    const token = await persona.adminToken(app);
    const training = await persona.request({
      method: 'POST',
      url: '/admin/v1/recommendations/train',
      headers: bearer(token),
    });
    assert.equal(training.statusCode, 202, training.body);
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.locator('tbody tr', { hasText: training.json().jobId }).waitFor();
    await shoot('jobs');
    assert.deepEqual(await accessibilityProblems(), []);
  });

  it("draws the dashboard: traffic of this instance and the app's days, each chart with its figures", async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    for (const name of ['Requests per second', 'Latency percentiles', 'Log-in failures and refusals']) {
      await page.getByRole('img', { name: new RegExp(`^${name}`) }).waitFor();
    }
    // The users made for this test signed up today, and the wrong secret tried at sign-in is a log-in failure.
    assert.match(
      (await page.getByRole('img', { name: /^Sign-ups per day/ }).getAttribute('aria-labelledby')) ?? '',
      /sign-ups-title/,
    );
    assert.match((await page.locator('#sign-ups-title').textContent()) ?? '', /latest: Sign-ups 3$/);
    await page.getByText('The figures of “Log-in failures and refusals”').click();
    const failures = page.getByRole('table', { name: /Log-in failures and refusals/ });
    await failures.waitFor();
    assert.ok((await failures.locator('tbody td').allTextContents()).some((cell) => Number(cell) >= 1));
    assert.equal((await page.locator('svg path').count()) > 0, true, 'the lines are drawn');
    await shoot('dashboard');
    assert.deepEqual(await accessibilityProblems(), []);
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${origin}/console/users/${target.id}`);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await shoot('user-phone');
    assert.deepEqual(await accessibilityProblems(), []);
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('signs out: the token ends in the core and the cookie no longer works', async () => {
    const cookie = await cookieValue();
    assert.ok(cookie);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${origin}/console/sign-in`);
    assert.equal(await cookieValue(), undefined, 'the browser forgot the cookie');
    const replayed = await fetch(`${origin}/console/users`, {
      headers: { cookie: `persona_console=${cookie}` },
      redirect: 'manual',
    });
    assert.equal(replayed.status, 303);
    assert.equal(replayed.headers.get('location'), '/console/sign-in');
    const asAdmin = await persona.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(cookie) });
    assert.equal(asAdmin.statusCode, 401, 'the admin token itself ended');
    assert.deepEqual(cspViolations, [], 'nothing the pages load breaks their policy');
  });

  it('signs in and acts with the keyboard alone', async () => {
    await page.goto(`${origin}/console/sign-in`);
    const focused = () =>
      page.evaluate('document.activeElement && (document.activeElement.id || document.activeElement.textContent)');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Skip to content');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'client_id');
    await page.keyboard.type(app.clientId);
    await page.keyboard.press('Tab');
    await page.keyboard.type(app.clientSecret);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/console/users`);
    // Tab from the top reaches the menu, then the search; typing there searches.
    for (let presses = 0; presses < 10 && (await focused()) !== 'q'; presses++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'q');
    await page.keyboard.type(target.loginName);
    await page.locator('#user-results tbody tr').nth(1).waitFor({ state: 'detached' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/console/users/${target.id}`);
  });
});

interface AxeResults {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}
