import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import kiiCloudSdk from 'kii-cloud-sdk';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { codesOf, type SmsSink, type SmtpSink, startSmsSink, startSmtpSink } from '../../helpers/message-sinks.ts';
import { configureApp, eventually, startPersona, type TestPersona, uniqueName } from '../../helpers/persona.ts';

const smsSecret = 'sms-gateway-shared-secret';

// The official Kii SDK's reset and verification calls, unchanged, against a listening Persona that sends real email
// through an SMTP server on loopback and SMS through an HTTP gateway sink.
for (const database of testDatabases) {
  describe(`password reset and verification with the official Kii SDK on ${database.name}`, {
    skip: database.skip,
  }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let site: string;
    let smtp: SmtpSink;
    let sms: SmsSink;

    before(async () => {
      smtp = await startSmtpSink();
      sms = await startSmsSink();
      persona = await startPersona(database, {
        env: {
          SMTP_URL: smtp.url,
          MAIL_FROM: 'Persona <no-reply@persona.test>',
          SMS_WEBHOOK_URL: sms.url,
          SMS_WEBHOOK_SECRET: smsSecret,
          JOBS_POLL_INTERVAL_MS: '100',
        },
      });
      app = await persona.createApp('SDK recovery');
      await configureApp(persona, app, { emailVerificationRequired: true, phoneVerificationRequired: true });
      await persona.http.listen({ port: 0, host: '127.0.0.1' });
      site = `http://127.0.0.1:${(persona.http.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await persona.close();
      await smtp.close();
      await sms.close();
    });

    const sdk = () => {
      const { Kii, KiiUser } = kiiCloudSdk.create();
      Kii.initializeWithSite(app.appId, app.appKey, `${site}/api`);
      return KiiUser;
    };

    it('verifies an email address from the sign-up email, then resets the password through the emailed link', async () => {
      const KiiUser = sdk();
      const email = `${uniqueName('ann')}@example.com`;
      // Registered with a login name too: the SDK logs in after registering, and an unverified email cannot.
      const user = await KiiUser.userWithEmailAddressAndUsername(email, uniqueName('ann'), 'pass-word1').register();
      const welcome = await smtp.next((mail) => mail.to === email && /Confirm/.test(mail.subject));
      assert.equal(welcome.user, 'persona', 'Persona authenticated with the SMTP URL credentials');
      assert.match(welcome.messageId, /@persona>$/);
      // Unverified, an email log-in is refused (the app requires verification).
      await assert.rejects(KiiUser.authenticate(email, 'pass-word1'), /invalid_grant/);
      // Sent again, the new email's code is the one that works.
      await user.resendEmailVerification();
      const resent = await smtp.next((mail) => mail.to === email && /Confirm/.test(mail.subject) && mail !== welcome);
      await assert.rejects(
        user.verifyCredentials('email-address', codesOf(welcome.text).code ?? ''),
        /INVALID_VERIFICATION_CODE/,
      );
      const { code } = codesOf(resent.text);
      assert.ok(code);
      await user.verifyCredentials('email-address', code);
      const loggedIn = await KiiUser.authenticate(email, 'pass-word1');
      assert.equal(loggedIn.getID(), user.getID());
      const oldToken = loggedIn.getAccessToken();

      await KiiUser.resetPasswordWithNotificationMethod(email, 'EMAIL');
      const reset = await smtp.next((mail) => mail.to === email && /Reset/.test(mail.subject));
      const { path } = codesOf(reset.text);
      assert.ok(path);
      assert.match(reset.html, /<a href="http[^"]+\/links\//);
      // Opening the link only shows the form (mail scanners open links): the password is still the old one.
      const form = await fetch(`${site}${path}`);
      assert.equal(form.status, 200);
      assert.match(await form.text(), /<form method="post">/);
      await KiiUser.authenticate(email, 'pass-word1');
      const done = await fetch(`${site}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ newPassword: 'fresh-pass-2' }),
      });
      assert.equal(done.status, 200);
      assert.match(await done.text(), /Password changed/);
      await assert.rejects(KiiUser.authenticate(email, 'pass-word1'), /invalid_grant/);
      await assert.rejects(KiiUser.authenticateWithToken(oldToken), /WRONG_TOKEN/);
      assert.equal((await KiiUser.authenticate(email, 'fresh-pass-2')).getID(), user.getID());
      // The link is spent.
      const again = await fetch(`${site}${path}`);
      assert.equal(again.status, 400);
      assert.match(await again.text(), /expired or was used already/);
    });

    it('verifies a phone number and resets by SMS PIN, signed as the gateway expects', async () => {
      const KiiUser = sdk();
      const phone = `+4470${String(Date.now()).slice(-8)}`;
      const user = await KiiUser.userWithPhoneNumberAndUsername(phone, uniqueName('bob'), 'pass-word1').register();
      const first = await sms.next((message) => message.to === phone);
      // The signature: HMAC-SHA256 of "<timestamp>.<raw body>" with the shared secret.
      const timestamp = String(first.headers['x-persona-timestamp']);
      const expected = createHmac('sha256', smsSecret).update(`${timestamp}.${first.raw}`).digest('hex');
      assert.equal(first.headers['x-persona-signature'], `sha256=${expected}`);
      assert.ok(first.headers['idempotency-key']);
      await assert.rejects(KiiUser.authenticate(phone, 'pass-word1'), /invalid_grant/);
      // A second verification replaces the first: its code is the one that works.
      const logged = await KiiUser.authenticate(user.getUsername(), 'pass-word1');
      await logged.resendPhoneNumberVerification();
      const second = await sms.next((message) => message.to === phone && message.body !== first.body);
      await assert.rejects(logged.verifyPhoneNumber(codesOf(first.body).code ?? ''), /INVALID_VERIFICATION_CODE/);
      await logged.verifyPhoneNumber(codesOf(second.body).code ?? '');
      assert.equal((await KiiUser.authenticate(phone, 'pass-word1')).getID(), user.getID());

      await KiiUser.resetPasswordWithNotificationMethod(phone, 'SMS_PIN');
      const pinMessage = await sms.next((message) => message.to === phone && /reset code/.test(message.body));
      const pin = codesOf(pinMessage.body).code;
      assert.ok(pin);
      await assert.rejects(KiiUser.completeResetPassword(phone, '000000', 'new-pass-3'), /INVALID_VERIFICATION_CODE/);
      await KiiUser.completeResetPassword(phone, pin, 'new-pass-3');
      await assert.rejects(KiiUser.authenticateWithToken(logged.getAccessToken()), /WRONG_TOKEN/);
      assert.equal((await KiiUser.authenticate(phone, 'new-pass-3')).getID(), user.getID());
      await assert.rejects(KiiUser.completeResetPassword(phone, pin, 'new-pass-4'), /INVALID_VERIFICATION_CODE/);

      // By SMS without a PIN: a link, whose page sets the password.
      await KiiUser.resetPasswordWithNotificationMethod(phone, 'SMS');
      const linkMessage = await sms.next(
        (message) => message.to === phone && /\/links\/.+\/reset\//.test(message.body),
      );
      const done = await fetch(`${site}${codesOf(linkMessage.body).path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ newPassword: 'link-pass-5' }),
      });
      assert.equal(done.status, 200);
      assert.equal((await KiiUser.authenticate(phone, 'link-pass-5')).getID(), user.getID());

      // Without a new password, one is generated and sent the way the PIN came.
      await KiiUser.resetPasswordWithNotificationMethod(phone, 'SMS_PIN');
      const pin2 = codesOf(
        (await sms.next((m) => m.to === phone && /reset code/.test(m.body) && m !== pinMessage)).body,
      );
      await KiiUser.completeResetPassword(phone, pin2.code ?? '', null);
      const generated = await sms.next((message) => message.to === phone && /new password is/.test(message.body));
      const password = /new password is (\S+)/.exec(generated.body)?.[1];
      assert.ok(password && password.length >= 16);
      assert.equal((await KiiUser.authenticate(phone, password)).getID(), user.getID());
    });

    it('answers a reset of an unknown user as it answers a known one, and sends nothing', async () => {
      const KiiUser = sdk();
      const before = smtp.received.length;
      await KiiUser.resetPasswordWithNotificationMethod(`${uniqueName('nobody')}@example.com`, 'EMAIL');
      await KiiUser.resetPassword(`${uniqueName('nobody')}@example.com`);
      // Each request's job finds no user and records that, sending nothing.
      const unknownRequests = () =>
        persona.database.db
          .selectFrom('audit_events')
          .select('details')
          .where('app_id', '=', app.appId)
          .where('action', '=', 'user.password_reset_requested')
          .where('user_id', 'is', null)
          .execute();
      await eventually(async () => (await unknownRequests()).length === 2);
      for (const { details } of await unknownRequests()) {
        assert.deepEqual(JSON.parse(details), { channel: 'email', sent: false, reason: 'unknown_user' });
      }
      assert.equal(smtp.received.length, before);
    });
  });
}
