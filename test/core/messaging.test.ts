import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { type SmsSink, type SmtpSink, startSmsSink, startSmtpSink } from '../helpers/message-sinks.ts';
import { bearer, eventually, startPersona, type TestPersona, type TestUser, uniqueName } from '../helpers/persona.ts';

const run = promisify(execFile);
const smsSecret = 'sms-gateway-shared-secret';

/**
 * Delivery through a real SMTP server on loopback and an HTTP sink standing for an SMS gateway: retried with backoff
 * when refused for now, given up at once when refused for good, sent once across instances; and templates per app and
 * locale.
 */
for (const database of testDatabases) {
  describe(`message delivery on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let admin: string;
    let smtp: SmtpSink;
    let sms: SmsSink;
    const env = () => ({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Persona <no-reply@persona.test>',
      SMS_WEBHOOK_URL: sms.url,
      SMS_WEBHOOK_SECRET: smsSecret,
      JOBS_POLL_INTERVAL_MS: '100',
    });

    before(async () => {
      smtp = await startSmtpSink();
      sms = await startSmsSink();
      persona = await startPersona(database, { env: env() });
      app = await persona.createApp('Delivery');
      admin = await persona.adminToken(app);
    });
    after(async () => {
      await persona.close();
      await smtp.close();
      await sms.close();
    });

    const sendReset = async (user: TestUser, channel: 'email' | 'sms', instance = persona, token = admin) => {
      const response = await instance.request({
        method: 'POST',
        url: `/admin/v1/users/${user.id}/messages`,
        headers: bearer(token),
        payload: { message: 'password_reset', channel },
      });
      assert.equal(response.statusCode, 202, response.body);
      return response.json().messageId as string;
    };
    const stored = (messageId: string) =>
      persona.database.db
        .selectFrom('messages')
        .select(['status', 'attempts', 'last_error', 'text_body', 'sent_at'])
        .where('app_id', '=', app.appId)
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow();
    const jobOf = (messageId: string) =>
      persona.database.db
        .selectFrom('jobs')
        .select(['status', 'attempts', 'result'])
        .where('kind', '=', 'messaging.deliver')
        .where('payload', 'like', `%${messageId}%`)
        .executeTakeFirstOrThrow();
    const emailUser = () => persona.createUser(app, { emailAddress: `${uniqueName('m')}@example.com` });

    it('retries a message the mail server refuses for now, and sends it once when the server recovers', async () => {
      const user = await emailUser();
      const refusedBefore = smtp.refused;
      smtp.refuse(1, 451);
      const messageId = await sendReset(user, 'email');
      const mail = await smtp.next((m) => m.messageId === `<${messageId}@persona>`);
      assert.match(mail.subject, /Reset your Delivery password/);
      assert.equal(smtp.refused - refusedBefore, 1, 'the first attempt was refused');
      await eventually(async () => (await stored(messageId)).status === 'sent');
      const row = await stored(messageId);
      assert.equal(row.attempts, 2);
      assert.match(row.last_error ?? '', /451/);
      assert.equal(row.text_body, null, 'the body, which holds the link, is gone once sent');
      await eventually(async () => (await jobOf(messageId)).status === 'succeeded');
      assert.equal(smtp.received.filter((m) => m.messageId === `<${messageId}@persona>`).length, 1);
    });

    it('keeps a message while the mail server is down, and sends it once when it is back', async () => {
      const gone = await startSmtpSink();
      const port = Number(new URL(gone.url).port);
      await gone.close();
      const instance = await startPersona(database, { env: { ...env(), SMTP_URL: gone.url } });
      let back: SmtpSink | undefined;
      try {
        const downApp = await instance.createApp('Down');
        const user = await instance.createUser(downApp, { emailAddress: `${uniqueName('d')}@example.com` });
        const response = await instance.request({
          method: 'POST',
          url: `/admin/v1/users/${user.id}/messages`,
          headers: bearer(await instance.adminToken(downApp)),
          payload: { message: 'password_reset' },
        });
        assert.equal(response.statusCode, 202, response.body);
        const messageId = response.json().messageId as string;
        const row = () =>
          instance.database.db
            .selectFrom('messages')
            .select(['status', 'attempts', 'last_error'])
            .where('id', '=', messageId)
            .executeTakeFirstOrThrow();
        await eventually(async () => (await row()).last_error !== null);
        assert.equal((await row()).status, 'queued', 'kept for the next attempt');
        assert.match((await row()).last_error ?? '', /ECONNREFUSED|ECONNECTION/);
        back = await startSmtpSink({ port });
        await back.next((m) => m.messageId === `<${messageId}@persona>`, 30_000);
        await eventually(async () => (await row()).status === 'sent');
        assert.ok((await row()).attempts >= 2);
        assert.equal(back.received.filter((m) => m.messageId === `<${messageId}@persona>`).length, 1);
      } finally {
        await instance.close();
        await back?.close();
      }
    });

    it('gives up at once on a recipient the mail server refuses for good', async () => {
      const user = await emailUser();
      const refusedBefore = smtp.refused;
      smtp.refuse(1, 550);
      const messageId = await sendReset(user, 'email');
      await eventually(async () => (await stored(messageId)).status === 'failed');
      const row = await stored(messageId);
      assert.match(row.last_error ?? '', /550/);
      assert.equal(row.text_body, null);
      await eventually(async () => (await jobOf(messageId)).status === 'succeeded');
      assert.equal((await jobOf(messageId)).attempts, 1, 'not retried');
      assert.equal(smtp.refused - refusedBefore, 1);
      const audit = await persona.database.db
        .selectFrom('audit_events')
        .select('details')
        .where('app_id', '=', app.appId)
        .where('action', '=', 'message.failed')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(audit.details).messageId, messageId);
    });

    it('retries an SMS the gateway could not take, with the same idempotency key', async () => {
      const phone = `+3270${String(process.hrtime.bigint()).slice(-7)}`;
      const user = await persona.createUser(app, { phoneNumber: phone });
      sms.fail(1, 503);
      const messageId = await sendReset(user, 'sms');
      const received = await sms.next((message) => message.to === phone);
      assert.equal(received.headers['idempotency-key'], messageId);
      assert.match(received.body, /reset your password .* at http/);
      await eventually(async () => (await stored(messageId)).status === 'sent');
      assert.equal((await stored(messageId)).attempts, 2);
    });

    it('upgrades to TLS with STARTTLS where the server offers it', async () => {
      const tls = await startSmtpSink({ starttls: true });
      const instance = await startPersona(database, { env: { ...env(), SMTP_URL: tls.url } });
      try {
        const tlsApp = await instance.createApp('TLS');
        const user = await instance.createUser(tlsApp, { emailAddress: `${uniqueName('t')}@example.com` });
        const response = await instance.request({
          method: 'POST',
          url: `/admin/v1/users/${user.id}/messages`,
          headers: bearer(await instance.adminToken(tlsApp)),
          payload: { message: 'password_reset' },
        });
        assert.equal(response.statusCode, 202, response.body);
        const mail = await tls.next((m) => m.messageId === `<${response.json().messageId}@persona>`);
        assert.equal(mail.secure, true, 'the session was upgraded with STARTTLS');
        assert.equal(mail.user, 'persona');
      } finally {
        await instance.close();
        await tls.close();
      }
    });

    it('composes from the template of the user’s locale, escaping values in HTML, with English as the fallback', async () => {
      const put = (kind: string, locale: string, body: unknown) =>
        persona.request({
          method: 'PUT',
          url: `/admin/v1/message-templates/${kind}/${locale}`,
          headers: bearer(admin),
          payload: body as Record<string, unknown>,
        });
      const saved = await put('password_reset_email', 'fr', {
        subject: 'Réinitialisez votre mot de passe {{appName}}',
        text: 'Bonjour {{userName}}, ouvrez {{link}} dans les {{minutes}} minutes.',
        html: '<p>Bonjour {{userName}}, <a href="{{link}}">nouveau mot de passe</a></p>',
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().locale, 'fr');
      const refused = await put('password_reset_email', 'de', { subject: 'x', text: 'Hallo {{name}}' });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(
        refused
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
        ['text', 'text'],
        'an unknown placeholder, and no {{link}}',
      );
      assert.equal((await put('phone_verification', 'de', { subject: 'x', text: '{{code}}' })).statusCode, 400);
      assert.equal((await put('no_such_kind', 'de', { text: '{{code}}' })).statusCode, 400);

      const french = await persona.createUser(app, {
        emailAddress: `${uniqueName('fr')}@example.com`,
        displayName: '<script>alert(1)</script> Zoé',
        locale: 'fr-CA',
      });
      const messageId = await sendReset(french, 'email');
      const mail = await smtp.next((m) => m.messageId === `<${messageId}@persona>`);
      assert.equal(mail.subject, 'Réinitialisez votre mot de passe Delivery');
      assert.match(mail.text, /^Bonjour <script>alert\(1\)<\/script> Zoé, ouvrez http/);
      assert.match(mail.html, /Bonjour &#60;script&#62;alert\(1\)&#60;\/script&#62; Zoé/);
      assert.doesNotMatch(mail.html, /<script>/);

      const english = await persona.createUser(app, { emailAddress: `${uniqueName('en')}@example.com`, locale: 'de' });
      const englishId = await sendReset(english, 'email');
      assert.match((await smtp.next((m) => m.messageId === `<${englishId}@persona>`)).subject, /^Reset your/);

      const list = await persona.request({ method: 'GET', url: '/admin/v1/message-templates', headers: bearer(admin) });
      assert.deepEqual(
        list.json().items.map((t: { kind: string; locale: string }) => `${t.kind}/${t.locale}`),
        ['password_reset_email/fr'],
      );
      const remove = () =>
        persona.request({
          method: 'DELETE',
          url: '/admin/v1/message-templates/password_reset_email/FR',
          headers: bearer(admin),
        });
      assert.equal((await remove()).statusCode, 204);
      const again = await remove();
      assert.equal(again.statusCode, 404);
      assert.equal(again.json().code, 'template_not_found');
    });

    it('sends each message once with two instances delivering from one database', {
      skip: database.name !== 'postgres',
    }, async () => {
      const second = await startPersona(database, {
        shared: { url: persona.config.databaseUrl, schema: persona.config.databaseSchema },
        env: env(),
      });
      try {
        const users = await Promise.all(Array.from({ length: 8 }, () => emailUser()));
        const ids = await Promise.all(users.map((user, i) => sendReset(user, 'email', i % 2 === 0 ? persona : second)));
        for (const id of ids) await smtp.next((m) => m.messageId === `<${id}@persona>`);
        for (const id of ids) await eventually(async () => (await jobOf(id)).status === 'succeeded');
        for (const id of ids) {
          assert.equal(smtp.received.filter((m) => m.messageId === `<${id}@persona>`).length, 1, id);
          assert.equal((await stored(id)).status, 'sent');
        }
      } finally {
        await second.close();
      }
    });

    it('lists the held messages of an app at the command line', async () => {
      const held = await startPersona(database, {
        shared: { url: persona.config.databaseUrl, schema: persona.config.databaseSchema },
        env: { JOBS_CONCURRENCY: '0' },
      });
      try {
        const heldApp = await held.createApp('Held');
        const user = await held.createUser(heldApp, { emailAddress: `${uniqueName('h')}@example.com` });
        const response = await held.request({
          method: 'POST',
          url: `/admin/v1/users/${user.id}/messages`,
          headers: bearer(await held.adminToken(heldApp)),
          payload: { message: 'email_verification' },
        });
        assert.equal(response.statusCode, 202, response.body);
        const { npm_config_loglevel: _inherited, ...outer } = process.env;
        const cliEnv = {
          ...outer,
          DATABASE_URL: persona.config.databaseUrl,
          ...(persona.config.databaseSchema ? { DATABASE_SCHEMA: persona.config.databaseSchema } : {}),
        };
        const { stdout } = await run('npm', ['run', '--silent', 'cli', '--', 'outbox', '--app', heldApp.appId], {
          env: cliEnv,
        });
        assert.match(stdout, /held {2}email_verification {2}to h/);
        assert.match(stdout, /Subject: Confirm your email address for Held/);
        assert.match(stdout, /\| .*\/links\/.+\/verify\//);
        const json = JSON.parse(
          (
            await run('npm', ['run', '--silent', 'cli', '--', 'outbox', '--app', heldApp.appId, '--json'], {
              env: cliEnv,
            })
          ).stdout,
        );
        assert.equal(json[0].id, response.json().messageId);
      } finally {
        await held.close();
      }
    });
  });
}
