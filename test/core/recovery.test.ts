import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { codesOf } from '../helpers/message-sinks.ts';
import {
  appHeaders,
  bearer,
  configureApp,
  eventually,
  startPersona,
  type TestPersona,
  uniqueName,
} from '../helpers/persona.ts';

const kii = (name: string) => `application/vnd.kii.${name}+json`;

/**
 * The rules that keep codes safe, through the Kii face, with messages kept in the embedded outbox (no SMTP_URL): codes
 * are single use, expire, take a limited number of wrong attempts and are stored only as hashes; asking for them is
 * rate-limited per identifier and per address; a verification holds only for the address it was sent to.
 */
for (const database of testDatabases) {
  describe(`recovery codes on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let admin: string;

    before(async () => {
      persona = await startPersona(database, { env: { JOBS_POLL_INTERVAL_MS: '100' } });
      app = await persona.createApp('Recovery');
      admin = await persona.adminToken(app);
      await configureApp(persona, app, { recoveryCodeAttempts: 3 });
    });
    after(() => persona.close());

    const messagesTo = async (recipient: string) =>
      persona.database.db
        .selectFrom('messages')
        .select(['id', 'kind', 'status', 'text_body', 'subject'])
        .where('app_id', '=', app.appId)
        .where('recipient', '=', recipient)
        .orderBy('id')
        .execute();
    /** Waits for the `count`-th message to the address (composed by a job, or in the request's own unit of work). */
    const message = async (recipient: string, count: number) => {
      await eventually(async () => (await messagesTo(recipient)).length >= count);
      const found = (await messagesTo(recipient))[count - 1];
      assert.ok(found);
      return { ...found, ...codesOf(found.text_body ?? '') };
    };
    const requestReset = (identifier: string, body: unknown = { notificationMethod: 'SMS', smsResetMethod: 'PIN' }) =>
      persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users/${encodeURIComponent(identifier)}/password/request-reset`,
        headers: { ...appHeaders(app), 'content-type': kii('ResetPasswordRequest') },
        payload: body as Record<string, unknown>,
      });
    const completeReset = (identifier: string, pinCode: string, newPassword?: string) =>
      persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users/${encodeURIComponent(identifier)}/password/complete-reset`,
        headers: { ...appHeaders(app), 'content-type': kii('CompletePasswordResetRequest') },
        payload: { pinCode, ...(newPassword === undefined ? {} : { newPassword }) },
      });
    const logIn = (username: string, password: string) =>
      persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { username, password },
      });
    const phoneNumber = () => `+3161${String(process.hrtime.bigint()).slice(-7)}`;

    it('answers 204 whether or not the user exists, and sends a message only to a user that does', async () => {
      const phone = phoneNumber();
      const user = await persona.createUser(app, { phoneNumber: phone });
      for (const identifier of [`PHONE:${phone}`, `PHONE:${phoneNumber()}`, user.id, 'LOGIN_NAME:nobody-at-all']) {
        const response = await requestReset(identifier);
        assert.equal(response.statusCode, 204, response.body);
        assert.equal(response.body, '');
      }
      const pins = [await message(phone, 1), await message(phone, 2)];
      assert.deepEqual(
        pins.map((m) => m.kind),
        ['password_reset_pin_sms', 'password_reset_pin_sms'],
      );
      // The second replaced the first: its PIN works, the first's does not.
      assert.equal((await completeReset(`PHONE:${phone}`, pins[0]?.code ?? '', 'first-pin-pass')).statusCode, 400);
      assert.equal((await completeReset(`PHONE:${phone}`, pins[1]?.code ?? '', 'second-pin-pass')).statusCode, 204);
      assert.equal((await logIn(user.loginName, 'second-pin-pass')).statusCode, 200);
    });

    it('checks a PIN for an unknown identifier as it checks one for a user, recording both', async () => {
      const phone = phoneNumber();
      await persona.createUser(app, { phoneNumber: phone });
      await requestReset(`PHONE:${phone}`);
      await message(phone, 1);
      const unknown = `PHONE:${phoneNumber()}`;
      for (const identifier of [`PHONE:${phone}`, unknown]) {
        const response = await completeReset(identifier, '000000', 'never-set-1');
        assert.equal(response.statusCode, 400);
        assert.deepEqual(response.json(), {
          errorCode: 'INVALID_VERIFICATION_CODE',
          message: 'The code is wrong, has expired or was used already',
        });
      }
      const anonymous = await persona.database.db
        .selectFrom('audit_events')
        .select('details')
        .where('app_id', '=', app.appId)
        .where('action', '=', 'user.code_rejected')
        .where('user_id', 'is', null)
        .execute();
      assert.ok(anonymous.some((row) => JSON.parse(row.details).purpose === 'password_reset'));
    });

    it('takes a reset request without a body (the older SDK call sends none), and the document says so', async () => {
      const email = `${uniqueName('nb')}@example.com`;
      await persona.createUser(app, { emailAddress: email });
      const response = await persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users/EMAIL:${email}/password/request-reset`,
        headers: { ...appHeaders(app), 'content-type': 'application/json' },
      });
      assert.equal(response.statusCode, 204, response.body);
      assert.equal((await message(email, 1)).kind, 'password_reset_email');
      const document = (await persona.request({ method: 'GET', url: '/openapi.json' })).json();
      const operation = document.paths['/api/apps/{appID}/users/{userRef}/password/request-reset'].post;
      assert.equal(operation.requestBody.required, false);
      assert.equal(operation['x-optional-body'], undefined);
      const pin = await requestReset(`EMAIL:${email}`, { notificationMethod: 'EMAIL', smsResetMethod: 'PIN' });
      assert.equal(pin.statusCode, 400, 'a PIN goes by SMS only');
      const unknownKey = await requestReset(`EMAIL:${email}`, { notificationMethod: 'EMAIL', extra: 1 });
      assert.equal(unknownKey.statusCode, 400);
    });

    it("shows a reset link's form again with the reason when the policy refuses the password", async () => {
      const email = `${uniqueName('lk')}@example.com`;
      const user = await persona.createUser(app, { emailAddress: email });
      await requestReset(`EMAIL:${email}`, { notificationMethod: 'EMAIL' });
      const { path } = await message(email, 1);
      assert.ok(path);
      const submit = (password: string, url = path) =>
        persona.request({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ newPassword: password }).toString(),
        });
      const short = await submit('short');
      assert.equal(short.statusCode, 400);
      assert.match(String(short.headers['content-type']), /^text\/html/);
      assert.match(short.body, /newPassword must be at least 8 characters/);
      assert.match(short.body, /<form method="post">/);
      const forged = await submit('long-enough-2', `${path.slice(0, -4)}AAAA`);
      assert.equal(forged.statusCode, 400, 'a token whose secret is not the one sent');
      assert.match(forged.body, /expired or was used already/);
      assert.equal((await submit('long-enough-2')).statusCode, 200);
      assert.equal((await logIn(user.loginName, 'long-enough-2')).statusCode, 200);
    });

    it('stores codes only as hashes', async () => {
      const phone = phoneNumber();
      await persona.createUser(app, { phoneNumber: phone });
      await requestReset(`PHONE:${phone}`);
      const { code } = await message(phone, 1);
      assert.ok(code);
      const rows = await persona.database.db
        .selectFrom('recovery_codes')
        .selectAll()
        .where('app_id', '=', app.appId)
        .where('address', '=', phone)
        .execute();
      assert.equal(rows.length, 1);
      const stored = JSON.stringify(rows);
      assert.ok(!stored.includes(code), 'the PIN is not stored in clear');
      assert.match(rows[0]?.pin_hash ?? '', /^[0-9a-f]{64}$/);
    });

    it('refuses a wrong code, and after the allowed wrong attempts the right one too', async () => {
      const phone = phoneNumber();
      const user = await persona.createUser(app, { phoneNumber: phone });
      await requestReset(`PHONE:${phone}`);
      const { code } = await message(phone, 1);
      assert.ok(code);
      const wrong = code === '111111' ? '222222' : '111111';
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const response = await completeReset(`PHONE:${phone}`, wrong, 'never-set-1');
        assert.equal(response.statusCode, 400, response.body);
        assert.equal(response.json().errorCode, 'INVALID_VERIFICATION_CODE');
        assert.match(String(response.headers['content-type']), /InvalidVerificationCodeException/);
      }
      const spent = await completeReset(`PHONE:${phone}`, code, 'never-set-1');
      assert.equal(spent.statusCode, 400, 'the code took its three wrong attempts');
      assert.equal((await logIn(user.loginName, user.password)).statusCode, 200, 'the password did not change');
      const rejected = await persona.database.db
        .selectFrom('audit_events')
        .select('details')
        .where('app_id', '=', app.appId)
        .where('user_id', '=', user.id)
        .where('action', '=', 'user.code_rejected')
        .orderBy('id')
        .execute();
      // Every refused try is recorded; the three wrong ones counted against the code, the fourth found it spent.
      assert.deepEqual(
        rejected.map((row) => JSON.parse(row.details).attempt),
        [1, 2, 3, undefined],
      );
    });

    it('refuses a code that has expired', async () => {
      const phone = phoneNumber();
      const user = await persona.createUser(app, { phoneNumber: phone });
      await requestReset(`PHONE:${phone}`);
      const { code } = await message(phone, 1);
      // Time moves for this code alone: its expiry is set into the past.
      await persona.database.db
        .updateTable('recovery_codes')
        .set({ expires_at: Date.now() - 1 })
        .where('app_id', '=', app.appId)
        .where('user_id', '=', user.id)
        .execute();
      assert.equal((await completeReset(`PHONE:${phone}`, code ?? '', 'too-late-pass')).statusCode, 400);
      assert.equal((await logIn(user.loginName, user.password)).statusCode, 200);
    });

    it('ends every session of the user with a reset, and spends the code', async () => {
      const phone = phoneNumber();
      const user = await persona.createUser(app, { phoneNumber: phone });
      await requestReset(`PHONE:${phone}`);
      const { code } = await message(phone, 1);
      assert.equal((await completeReset(`PHONE:${phone}`, code ?? '', 'reset-pass-1')).statusCode, 204);
      const me = await persona.request({
        method: 'GET',
        url: `/api/apps/${app.appId}/users/me`,
        headers: bearer(user.accessToken),
      });
      assert.equal(me.statusCode, 401);
      const refreshed = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { grant_type: 'refresh_token', refresh_token: user.refreshToken },
      });
      assert.equal(refreshed.statusCode, 400);
      assert.equal((await completeReset(`PHONE:${phone}`, code ?? '', 'reset-pass-2')).statusCode, 400, 'reused');
      assert.equal((await logIn(user.loginName, 'reset-pass-1')).statusCode, 200);
    });

    it("applies the app's password policy to the new password before looking at the code", async () => {
      const phone = phoneNumber();
      await persona.createUser(app, { phoneNumber: phone });
      await requestReset(`PHONE:${phone}`);
      const { code } = await message(phone, 1);
      const short = await completeReset(`PHONE:${phone}`, code ?? '', 'short');
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().errorCode, 'PASSWORD_TOO_SHORT');
      // The refused password cost the code nothing.
      assert.equal((await completeReset(`PHONE:${phone}`, code ?? '', 'long-enough-1')).statusCode, 204);
    });

    it('rate-limits requests per identifier (known or not) and per address', async () => {
      const limited = await persona.createApp('Limited');
      await configureApp(persona, limited, { recoveryRequestsPerIdentifier: 2, recoveryRequestsPerAddress: 5 });
      const ask = (identifier: string) =>
        persona.request({
          method: 'POST',
          url: `/api/apps/${limited.appId}/users/${identifier}/password/request-reset`,
          headers: appHeaders(limited),
        });
      const known = await persona.createUser(limited, { emailAddress: `${uniqueName('lim')}@example.com` });
      const statuses = async (identifier: string, times: number) => {
        const answers: number[] = [];
        for (let i = 0; i < times; i += 1) answers.push((await ask(identifier)).statusCode);
        return answers;
      };
      assert.deepEqual(await statuses(known.id, 3), [204, 204, 429]);
      assert.deepEqual(await statuses('EMAIL:nobody@example.com', 3), [204, 204, 429], 'the same for an unknown one');
      // Six calls from this address so far: past the address's budget of five, another identifier is refused too.
      const refused = await ask('EMAIL:someone-else@example.com');
      assert.equal(refused.statusCode, 429);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      assert.equal(refused.json().errorCode, 'TOO_MANY_REQUESTS');
    });

    it('sends the verification an app requires at sign-up and on an address change, valid only for that address', async () => {
      const strict = await persona.createApp('Verified');
      await configureApp(persona, strict, { emailVerificationRequired: true });
      const first = `${uniqueName('v')}@example.com`;
      const user = await persona.createUser(strict, { emailAddress: first });
      const sent = await messagesOfApp(strict.appId, first);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]?.kind, 'email_verification');
      assert.equal(sent[0]?.status, 'held', 'no SMTP_URL: kept in the outbox');
      const oldCode = codesOf(sent[0]?.text_body ?? '');
      const second = `${uniqueName('w')}@example.com`;
      const update = await persona.request({
        method: 'POST',
        url: `/api/apps/${strict.appId}/users/me`,
        headers: { ...bearer(user.accessToken), 'content-type': kii('UserUpdateRequest') },
        payload: { emailAddress: second },
      });
      assert.equal(update.statusCode, 200, update.body);
      const verify = (code: string) =>
        persona.request({
          method: 'POST',
          url: `/api/apps/${strict.appId}/users/me/email-address/verify`,
          headers: { ...bearer(user.accessToken), 'content-type': kii('AddressVerificationRequest') },
          payload: { verificationCode: code },
        });
      assert.equal((await verify(oldCode.code ?? '')).statusCode, 400, 'a code for the old address');
      const oldLink = await persona.request({ method: 'GET', url: oldCode.path ?? '' });
      assert.equal(oldLink.statusCode, 400, 'a link for the old address');
      assert.match(String(oldLink.headers['content-type']), /^text\/html/);
      const fresh = codesOf((await messagesOfApp(strict.appId, second))[0]?.text_body ?? '');
      // The link from the new email verifies without an app.
      const page = await persona.request({ method: 'GET', url: fresh.path ?? '' });
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, new RegExp(`${second.replace('.', '\\.')} is now confirmed`));
      assert.equal(page.headers['referrer-policy'], 'no-referrer');
      const me = await persona.request({
        method: 'GET',
        url: `/api/apps/${strict.appId}/users/me`,
        headers: bearer(user.accessToken),
      });
      assert.equal(me.json().emailAddressVerified, true);
      // Verified already: a resend is refused, and the code is spent.
      assert.equal((await verify(fresh.code ?? '')).statusCode, 400);
      const resend = await persona.request({
        method: 'POST',
        url: `/api/apps/${strict.appId}/users/me/email-address/resend-verification`,
        headers: { ...bearer(user.accessToken), 'content-type': 'application/json' },
      });
      assert.equal(resend.statusCode, 400, resend.body);
      const actions = await persona.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('app_id', '=', strict.appId)
        .where('user_id', '=', user.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        actions.map((a) => a.action).filter((a) => a.startsWith('user.')),
        [
          'user.verification_sent',
          'user.verification_sent',
          'user.code_rejected',
          'user.address_verified',
          'user.code_rejected',
        ],
      );
    });

    it("sends a verification when the admin changes an address, unless the admin's change marks it verified", async () => {
      const strict = await persona.createApp('Admin changes');
      await configureApp(persona, strict, { emailVerificationRequired: true });
      const user = await persona.createUser(strict);
      const token = await persona.adminToken(strict);
      const patch = (body: Record<string, unknown>) =>
        persona.request({ method: 'PATCH', url: `/admin/v1/users/${user.id}`, headers: bearer(token), payload: body });
      const unverified = `${uniqueName('p')}@example.com`;
      assert.equal((await patch({ emailAddress: unverified })).statusCode, 200);
      assert.deepEqual(
        (await messagesOfApp(strict.appId, unverified)).map((m) => m.kind),
        ['email_verification'],
      );
      const vouched = `${uniqueName('q')}@example.com`;
      assert.equal((await patch({ emailAddress: vouched, emailVerified: true })).statusCode, 200);
      assert.deepEqual(await messagesOfApp(strict.appId, vouched), []);
    });

    it('refuses a live code sent to an address the user no longer has', async () => {
      const loose = await persona.createApp('Loose');
      await configureApp(persona, loose, { emailVerificationRequired: true });
      const first = `${uniqueName('a')}@example.com`;
      const user = await persona.createUser(loose, { emailAddress: first });
      const sent = codesOf((await messagesOfApp(loose.appId, first))[0]?.text_body ?? '');
      // No verification is required any more: changing the address sends none, and the first code stays live.
      await configureApp(persona, loose, { emailVerificationRequired: false });
      const update = await persona.request({
        method: 'POST',
        url: `/api/apps/${loose.appId}/users/me`,
        headers: { ...bearer(user.accessToken), 'content-type': kii('UserUpdateRequest') },
        payload: { emailAddress: `${uniqueName('b')}@example.com` },
      });
      assert.equal(update.statusCode, 200, update.body);
      const verify = await persona.request({
        method: 'POST',
        url: `/api/apps/${loose.appId}/users/me/email-address/verify`,
        headers: { ...bearer(user.accessToken), 'content-type': kii('AddressVerificationRequest') },
        payload: { verificationCode: sent.code },
      });
      assert.equal(verify.statusCode, 400, verify.body);
      const link = await persona.request({ method: 'GET', url: sent.path ?? '' });
      assert.equal(link.statusCode, 400, link.body);
      const me = await persona.request({
        method: 'GET',
        url: `/api/apps/${loose.appId}/users/me`,
        headers: bearer(user.accessToken),
      });
      assert.equal(me.json().emailAddressVerified, false);
    });

    it("shows the embedded outbox to the app's admin, and only its own app's", async () => {
      const phone = phoneNumber();
      const user = await persona.createUser(app, { phoneNumber: phone });
      const sent = await persona.request({
        method: 'POST',
        url: `/admin/v1/users/${user.id}/messages`,
        headers: bearer(admin),
        payload: { message: 'password_reset', channel: 'sms' },
      });
      assert.equal(sent.statusCode, 202, sent.body);
      const outbox = await persona.request({
        method: 'GET',
        url: `/admin/v1/outbox?userId=${user.id}&status=held`,
        headers: bearer(admin),
      });
      assert.equal(outbox.statusCode, 200, outbox.body);
      const [held] = outbox.json().items;
      assert.equal(held.id, sent.json().messageId);
      assert.equal(held.kind, 'password_reset_sms');
      assert.equal(held.recipient, phone);
      assert.match(held.text, /\/links\/.+\/reset\//);
      const other = await persona.createApp('Other');
      const elsewhere = await persona.request({
        method: 'GET',
        url: `/admin/v1/outbox?userId=${user.id}`,
        headers: bearer(await persona.adminToken(other)),
      });
      assert.deepEqual(elsewhere.json().items, []);
      const foreign = await persona.request({
        method: 'POST',
        url: `/admin/v1/users/${user.id}/messages`,
        headers: bearer(await persona.adminToken(other)),
        payload: { message: 'password_reset' },
      });
      assert.equal(foreign.statusCode, 404);
      const byUser = await persona.request({
        method: 'GET',
        url: '/admin/v1/outbox',
        headers: bearer(user.accessToken),
      });
      assert.equal(byUser.statusCode, 403);
    });

    const messagesOfApp = (appId: string, recipient: string) =>
      persona.database.db
        .selectFrom('messages')
        .select(['kind', 'status', 'text_body'])
        .where('app_id', '=', appId)
        .where('recipient', '=', recipient)
        .orderBy('id')
        .execute();
  });
}
