import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

const registration = 'application/vnd.kii.RegistrationRequest+json';
const update = 'application/vnd.kii.UserUpdateRequest+json';

for (const database of testDatabases) {
  describe(`Kii users on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let otherApp: CreatedApp;
    let adminToken: string;

    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp();
      otherApp = await persona.createApp('Other');
      adminToken = await persona.adminToken(app);
    });
    after(() => persona.close());

    const signUp = (payload: unknown, headers: Record<string, string> = {}, target = app) =>
      persona.request({
        method: 'POST',
        url: `/api/apps/${target.appId}/users`,
        headers: { ...appHeaders(target), 'content-type': registration, ...headers },
        payload: payload as Record<string, unknown>,
      });
    const getUser = (token: string | undefined, ref = 'me', target = app) =>
      persona.request({
        method: 'GET',
        url: `/api/apps/${target.appId}/users/${ref}`,
        headers: token ? bearer(token) : {},
      });
    const updateUser = (token: string, payload: Record<string, unknown>, ref = 'me') =>
      persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users/${ref}`,
        headers: { ...bearer(token), 'content-type': update },
        payload,
      });
    const storedUser = async (user: TestUser) => (await getUser(adminToken, user.id)).json();

    describe('sign-up', () => {
      it('creates a user: 201, Location, Kii content type and body', async () => {
        const loginName = uniqueName();
        const response = await signUp({
          loginName,
          password: 'secret-1',
          displayName: 'Ann',
          country: 'DE',
          locale: 'de-DE',
          emailAddress: `${loginName}@example.com`,
          phoneNumber: '+4930123456',
          level: 3,
          tags: ['a'],
          _private: 'ignored',
          internalUserID: 42,
        });
        assert.equal(response.statusCode, 201, response.body);
        assert.match(String(response.headers['content-type']), /^application\/vnd\.kii\.RegistrationResponse\+json/);
        const body = response.json();
        assert.equal(response.headers.location, `/api/apps/${app.appId}/users/${body.userID}`);
        assert.match(body.userID, /^[0-9a-f-]{36}$/);
        assert.equal(typeof body.internalUserID, 'number');
        assert.notEqual(body.internalUserID, 42);
        assert.equal(body.loginName, loginName);
        assert.equal(body.displayName, 'Ann');
        assert.equal(body.emailAddressVerified, false);
        assert.equal(body.phoneNumberVerified, false);
        assert.equal(body._hasPassword, true);
        assert.equal(body.level, 3);
        assert.deepEqual(body.tags, ['a']);
        assert.equal(body._private, undefined);
        assert.equal(body.password, undefined);
      });

      it('accepts plain JSON and an email or phone as the only identifier', async () => {
        const byEmail = await signUp(
          { emailAddress: `${uniqueName()}@example.com`, password: 'secret-1' },
          { 'content-type': 'application/json' },
        );
        assert.equal(byEmail.statusCode, 201, byEmail.body);
        const byPhone = await signUp({ phoneNumber: `+1555${String(Date.now()).slice(-7)}`, password: 'secret-1' });
        assert.equal(byPhone.statusCode, 201, byPhone.body);
      });

      it('refuses bad input with Kii errors and stores nothing', async () => {
        const loginName = uniqueName();
        const cases: [Record<string, unknown>, string][] = [
          [{ loginName, password: 'abc' }, 'PASSWORD_TOO_SHORT'],
          [{ loginName, password: 'x'.repeat(51) }, 'INVALID_INPUT_DATA'],
          [{ loginName, password: 'pässwörd' }, 'INVALID_INPUT_DATA'],
          [{ loginName: 'ab', password: 'secret-1' }, 'INVALID_INPUT_DATA'],
          [{ loginName: 'has space', password: 'secret-1' }, 'INVALID_INPUT_DATA'],
          [{ loginName, emailAddress: 'not-an-email', password: 'secret-1' }, 'INVALID_INPUT_DATA'],
          [{ loginName, phoneNumber: '0301234', password: 'secret-1' }, 'INVALID_INPUT_DATA'],
          [{ loginName, country: 'germany', password: 'secret-1' }, 'INVALID_INPUT_DATA'],
          [{ loginName, password: 12345678 }, 'INVALID_INPUT_DATA'],
          [{ loginName: 123, password: 'secret-1' }, 'INVALID_INPUT_DATA'],
          [{ password: 'secret-1', displayName: 'No identifier' }, 'INVALID_INPUT_DATA'],
          [{ loginName }, 'INVALID_INPUT_DATA'],
          [{ loginName, password: 'secret-1', blob: 'x'.repeat(64 * 1024) }, 'INVALID_INPUT_DATA'],
        ];
        for (const [payload, errorCode] of cases) {
          const response = await signUp(payload);
          assert.equal(response.statusCode, 400, JSON.stringify(payload).slice(0, 100));
          assert.equal(response.json().errorCode, errorCode, response.body);
          assert.match(String(response.headers['content-type']), /^application\/vnd\.kii\.InvalidInputException\+json/);
          assert.equal(typeof response.json().message, 'string');
        }
        const notJson = await signUp('{"loginName":', {});
        assert.equal(notJson.statusCode, 400);
        assert.equal(typeof notJson.json().errorCode, 'string');
        const array = await signUp([1, 2], {});
        assert.equal(array.statusCode, 400);
        const search = await persona.request({
          method: 'GET',
          url: `/api/apps/${app.appId}/users/LOGIN_NAME:${loginName}`,
          headers: bearer(adminToken),
        });
        assert.equal(search.statusCode, 404, 'no failed sign-up left a user behind');
      });

      it('answers 409 USER_ALREADY_EXISTS naming the taken identifier, case-insensitively', async () => {
        const loginName = uniqueName();
        const email = `${loginName}@example.com`;
        assert.equal((await signUp({ loginName, emailAddress: email, password: 'secret-1' })).statusCode, 201);
        const sameName = await signUp({ loginName: loginName.toUpperCase(), password: 'secret-1' });
        assert.equal(sameName.statusCode, 409);
        assert.match(String(sameName.headers['content-type']), /AddressAlreadyInUseException/);
        assert.equal(sameName.json().errorCode, 'USER_ALREADY_EXISTS');
        assert.equal(sameName.json().field, 'loginName');
        const sameEmail = await signUp({
          loginName: uniqueName(),
          emailAddress: email.toUpperCase(),
          password: 'secret-1',
        });
        assert.equal(sameEmail.statusCode, 409);
        assert.equal(sameEmail.json().field, 'emailAddress');
        const elsewhere = await signUp({ loginName, password: 'secret-1' }, {}, otherApp);
        assert.equal(elsewhere.statusCode, 201, 'identifiers are unique per app only');
      });

      it('needs the app key', async () => {
        const noKey = await persona.request({
          method: 'POST',
          url: `/api/apps/${app.appId}/users`,
          headers: { 'content-type': registration },
          payload: { loginName: uniqueName(), password: 'secret-1' },
        });
        assert.equal(noKey.statusCode, 401);
        assert.equal(noKey.json().errorCode, 'UNAUTHORIZED');
        const otherKey = await signUp(
          { loginName: uniqueName(), password: 'secret-1' },
          { 'x-kii-appkey': otherApp.appKey },
        );
        assert.equal(otherKey.statusCode, 401);
        const otherAppsHeaders = await signUp({ loginName: uniqueName(), password: 'secret-1' }, appHeaders(otherApp));
        assert.equal(otherAppsHeaders.statusCode, 401);
        const unknownApp = await signUp(
          { loginName: uniqueName(), password: 'secret-1' },
          {},
          { ...app, appId: 'nosuchapp' },
        );
        assert.equal(unknownApp.statusCode, 404);
        assert.equal(unknownApp.json().errorCode, 'APP_NOT_FOUND');
      });
    });

    describe('pseudo users', () => {
      for (const contentType of [
        'application/vnd.kii.RegistrationAndAuthorizationRequest+json',
        'application/vnd.kii.AnonymousUserRegistrationRequest+json',
      ]) {
        it(`signs up with ${contentType.split('.').at(-1)}: its token is its credential`, async () => {
          const response = await signUp({ displayName: 'Guest', hp: 5 }, { 'content-type': contentType });
          assert.equal(response.statusCode, 201, response.body);
          const body = response.json();
          assert.equal(body._hasPassword, false);
          assert.equal(body.hp, 5);
          assert.match(body._accessToken, new RegExp(`^${app.appId}\\.[\\w-]{43}$`));
          const me = await getUser(body._accessToken);
          assert.equal(me.statusCode, 200);
          assert.equal(me.json().userID, body.userID);
          assert.equal(me.json()._accessToken, undefined);
        });
      }

      it('refuses identifiers or a password in a pseudo sign-up', async () => {
        const response = await signUp(
          { loginName: uniqueName(), password: 'secret-1' },
          { 'content-type': 'application/vnd.kii.RegistrationAndAuthorizationRequest+json' },
        );
        assert.equal(response.statusCode, 400);
      });

      it('becomes a normal user by setting a password with an identifier', async () => {
        const pseudo = (
          await signUp({}, { 'content-type': 'application/vnd.kii.RegistrationAndAuthorizationRequest+json' })
        ).json();
        const token = pseudo._accessToken;
        const identifierOnly = await updateUser(token, { loginName: uniqueName() });
        assert.equal(identifierOnly.statusCode, 400, 'an identifier needs a password');
        const passwordOnly = await updateUser(token, { password: 'secret-1' });
        assert.equal(passwordOnly.statusCode, 400, 'a password needs an identifier');
        const loginName = uniqueName();
        const converted = await updateUser(token, { loginName, password: 'secret-1' });
        assert.equal(converted.statusCode, 200, converted.body);
        assert.equal((await getUser(token)).json()._hasPassword, true);
        const logIn = await persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: appHeaders(app),
          payload: { username: loginName, password: 'secret-1' },
        });
        assert.equal(logIn.statusCode, 200);
        assert.equal(logIn.json().id, pseudo.userID);
      });
    });

    describe('reading users', () => {
      let ann: TestUser;
      let bob: TestUser;
      const annEmail = `${uniqueName('ann')}@example.com`;
      before(async () => {
        ann = await persona.createUser(app, {
          displayName: 'Ann',
          emailAddress: annEmail,
          phoneNumber: '+4917012345',
          color: 'red',
        });
        bob = await persona.createUser(app, { displayName: 'Bob' });
      });

      it('shows the user everything about itself, by me and by its id', async () => {
        for (const ref of ['me', ann.id]) {
          const response = await getUser(ann.accessToken, ref);
          assert.equal(response.statusCode, 200, response.body);
          assert.match(
            String(response.headers['content-type']),
            /^application\/vnd\.kii\.UserDataRetrievalResponse\+json/,
          );
          const body = response.json();
          assert.equal(body.userID, ann.id);
          assert.equal(body.emailAddress, annEmail);
          assert.equal(body.color, 'red');
          assert.equal(body._disabled, false);
          assert.equal(body.password, undefined);
        }
      });

      it("takes the Kii SDK's disable_cache parameter, and still answers from current data", async () => {
        // The SDK appends it to every URL; it asks for no cache in between, and Persona's caches never serve a
        // value that a write of any instance has changed, so it needs no effect of its own.
        await updateUser(ann.accessToken, { displayName: 'Ann', color: 'blue' });
        const response = await getUser(ann.accessToken, `me?disable_cache=${Date.now()}`);
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().color, 'blue');
        await updateUser(ann.accessToken, { displayName: 'Ann', color: 'red' });
      });

      it('finds users by LOGIN_NAME:, EMAIL: and PHONE:', async () => {
        for (const ref of [`LOGIN_NAME:${ann.loginName}`, `EMAIL:${annEmail}`, 'PHONE:+4917012345']) {
          const response = await getUser(adminToken, encodeURIComponent(ref));
          assert.equal(response.statusCode, 200, `${ref}: ${response.body}`);
          assert.equal(response.json().userID, ann.id);
        }
      });

      it('finds a user by an email address longer than 100 characters', async () => {
        const email = `${uniqueName()}@${'subdomain.'.repeat(9)}example.com`;
        assert.ok(email.length > 100);
        const user = await persona.createUser(app, { emailAddress: email });
        const response = await getUser(adminToken, encodeURIComponent(`EMAIL:${email}`));
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().userID, user.id);
      });

      it('shows another user only id, login name and display name unless the app exposes full data', async () => {
        const limited = await getUser(bob.accessToken, ann.id);
        assert.equal(limited.statusCode, 200);
        assert.deepEqual(limited.json(), { userID: ann.id, loginName: ann.loginName, displayName: 'Ann' });
        const patch = await persona.request({
          method: 'PATCH',
          url: '/admin/v1/app',
          headers: bearer(adminToken),
          payload: { settings: { exposeFullUserDataToOthers: true } },
        });
        assert.equal(patch.statusCode, 200);
        const full = await getUser(bob.accessToken, ann.id);
        assert.equal(full.json().emailAddress, annEmail);
        await persona.request({
          method: 'PATCH',
          url: '/admin/v1/app',
          headers: bearer(adminToken),
          payload: { settings: { exposeFullUserDataToOthers: false } },
        });
        assert.equal((await getUser(bob.accessToken, ann.id)).json().emailAddress, undefined);
      });

      it('refuses anonymous callers, bad tokens and other apps', async () => {
        const anonymous = await getUser(undefined);
        assert.equal(anonymous.statusCode, 401);
        assert.equal(anonymous.json().errorCode, 'UNAUTHORIZED');
        const withAppKeyOnly = await persona.request({
          method: 'GET',
          url: `/api/apps/${app.appId}/users/${ann.id}`,
          headers: appHeaders(app),
        });
        assert.equal(withAppKeyOnly.statusCode, 401);
        const badToken = await getUser('not-a-token');
        assert.equal(badToken.statusCode, 401);
        assert.equal(badToken.json().errorCode, 'WRONG_TOKEN');
        const crossApp = await getUser(ann.accessToken, 'me', otherApp);
        assert.equal(crossApp.statusCode, 401);
        assert.equal(crossApp.json().errorCode, 'UNAUTHORIZED');
        assert.equal(crossApp.json().authenticatedAppID, app.appId);
        assert.doesNotMatch(crossApp.body, new RegExp(ann.loginName));
        const otherAdmin = await persona.adminToken(otherApp);
        const otherAppsAdmin = await getUser(otherAdmin, ann.id, otherApp);
        assert.equal(otherAppsAdmin.statusCode, 404, "another app's admin cannot see this app's user");
      });

      it('answers USER_NOT_FOUND with the field searched', async () => {
        const byId = await getUser(ann.accessToken, '01900000-0000-7000-8000-000000000000');
        assert.equal(byId.statusCode, 404);
        assert.match(String(byId.headers['content-type']), /UserNotFoundException/);
        assert.deepEqual(byId.json(), {
          errorCode: 'USER_NOT_FOUND',
          message: byId.json().message,
          field: 'userID',
          value: '01900000-0000-7000-8000-000000000000',
          appID: app.appId,
        });
        const byEmail = await getUser(ann.accessToken, 'EMAIL:nobody@example.com');
        assert.equal(byEmail.statusCode, 404);
        assert.equal(byEmail.json().field, 'emailAddress');
        assert.equal(byEmail.json().value, 'nobody@example.com');
      });
    });

    describe('updating users', () => {
      it('changes given predefined fields, replaces custom fields and ignores server-owned keys', async () => {
        const user = await persona.createUser(app, { displayName: 'Before', country: 'FR', keep: 1, drop: 2 });
        const response = await updateUser(user.accessToken, {
          displayName: 'After',
          keep: 1,
          added: { nested: true },
          internalUserID: 7,
          userID: 'forged',
          _hasPassword: false,
          _disabled: true,
          emailAddressVerified: true,
        });
        assert.equal(response.statusCode, 200, response.body);
        assert.match(String(response.headers['content-type']), /^application\/vnd\.kii\.UserUpdateResponse\+json/);
        assert.ok(response.json().modifiedAt >= Date.now() - 60_000);
        const stored = await storedUser(user);
        assert.equal(stored.displayName, 'After');
        assert.equal(stored.country, 'FR', 'absent predefined fields stay');
        assert.equal(stored.keep, 1);
        assert.equal(stored.drop, undefined, 'absent custom fields are deleted');
        assert.deepEqual(stored.added, { nested: true });
        assert.equal(stored.userID, user.id);
        assert.notEqual(stored.internalUserID, 7);
        assert.equal(stored._disabled, false);
      });

      it('takes the user id in place of me, as the SDK sends it; an admin may update anyone', async () => {
        const user = await persona.createUser(app);
        assert.equal((await updateUser(user.accessToken, { displayName: 'By id' }, user.id)).statusCode, 200);
        assert.equal((await updateUser(adminToken, { displayName: 'By admin' }, user.id)).statusCode, 200);
        assert.equal((await storedUser(user)).displayName, 'By admin');
      });

      it("refuses another user's update and changes nothing", async () => {
        const victim = await persona.createUser(app, { displayName: 'Victim' });
        const attacker = await persona.createUser(app);
        const response = await updateUser(attacker.accessToken, { displayName: 'Owned' }, victim.id);
        assert.equal(response.statusCode, 403);
        assert.equal(response.json().errorCode, 'UNAUTHORIZED');
        assert.equal((await storedUser(victim)).displayName, 'Victim');
      });

      it('makes a changed email unverified and refuses a password change here', async () => {
        const user = await persona.createUser(app, { emailAddress: `${uniqueName()}@example.com` });
        const email = `${uniqueName()}@example.com`;
        assert.equal((await updateUser(user.accessToken, { emailAddress: email })).statusCode, 200);
        const stored = await storedUser(user);
        assert.equal(stored.emailAddress, email);
        assert.equal(stored.emailAddressVerified, false);
        const password = await updateUser(user.accessToken, { password: 'another-1' });
        assert.equal(password.statusCode, 400);
      });

      it('answers 409 for a taken identifier and leaves the user whole', async () => {
        const taken = await persona.createUser(app);
        const user = await persona.createUser(app, { displayName: 'Whole', stay: true });
        const response = await updateUser(user.accessToken, {
          displayName: 'Changed',
          loginName: taken.loginName,
          other: 1,
        });
        assert.equal(response.statusCode, 409);
        assert.equal(response.json().errorCode, 'USER_ALREADY_EXISTS');
        assert.equal(response.json().field, 'loginName');
        assert.match(String(response.headers['content-type']), /AddressAlreadyInUseException/);
        const stored = await storedUser(user);
        assert.equal(stored.displayName, 'Whole');
        assert.equal(stored.loginName, user.loginName);
        assert.equal(stored.stay, true);
        assert.equal(stored.other, undefined);
      });

      it('refuses invalid values and oversized custom fields, changing nothing', async () => {
        const user = await persona.createUser(app, { displayName: 'Kept', small: 1 });
        for (const payload of [
          { displayName: 'X', country: 'xx' },
          { displayName: 'X', big: 'y'.repeat(64 * 1024) },
          { displayName: 7 },
        ]) {
          const response = await updateUser(user.accessToken, payload);
          assert.equal(response.statusCode, 400, response.body);
          assert.equal(response.json().errorCode, 'INVALID_INPUT_DATA');
        }
        const stored = await storedUser(user);
        assert.equal(stored.displayName, 'Kept');
        assert.equal(stored.small, 1);
      });

      it('refuses address forms as the target of a change', async () => {
        const user = await persona.createUser(app);
        const response = await updateUser(adminToken, { displayName: 'x' }, `LOGIN_NAME:${user.loginName}`);
        assert.equal(response.statusCode, 400);
      });
    });

    describe('passwords, status and deletion', () => {
      const logIn = (username: string, password: string) =>
        persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: appHeaders(app),
          payload: { username, password },
        });
      const changePassword = (token: string, payload: Record<string, unknown>, ref = 'me') =>
        persona.request({
          method: 'PUT',
          url: `/api/apps/${app.appId}/users/${ref}/password`,
          headers: { ...bearer(token), 'content-type': 'application/vnd.kii.ChangePasswordRequest+json' },
          payload,
        });

      it('changes the password with the old one and ends every token', async () => {
        const user = await persona.createUser(app);
        const secondSession = (await logIn(user.loginName, user.password)).json();
        const wrong = await changePassword(user.accessToken, { oldPassword: 'not-it', newPassword: 'new-pass-1' });
        assert.equal(wrong.statusCode, 400);
        assert.equal(wrong.json().errorCode, 'WRONG_PASSWORD');
        const short = await changePassword(user.accessToken, { oldPassword: user.password, newPassword: 'abc' });
        assert.equal(short.json().errorCode, 'PASSWORD_TOO_SHORT');
        const missingOld = await changePassword(user.accessToken, { newPassword: 'new-pass-1' });
        assert.equal(missingOld.statusCode, 400);
        assert.equal((await getUser(user.accessToken)).statusCode, 200, 'failed changes end nothing');
        const changed = await changePassword(user.accessToken, {
          oldPassword: user.password,
          newPassword: 'new-pass-1',
        });
        assert.equal(changed.statusCode, 204);
        assert.equal((await getUser(user.accessToken)).statusCode, 401);
        assert.equal((await getUser(secondSession.access_token)).statusCode, 401);
        const refresh = await persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: appHeaders(app),
          payload: { grant_type: 'refresh_token', refresh_token: user.refreshToken },
        });
        assert.equal(refresh.statusCode, 400, 'refresh tokens end too');
        assert.equal((await logIn(user.loginName, user.password)).statusCode, 400);
        assert.equal((await logIn(user.loginName, 'new-pass-1')).statusCode, 200);
      });

      it("lets the admin reset a password without the old one, and nobody else change another user's", async () => {
        const user = await persona.createUser(app);
        const other = await persona.createUser(app);
        const byOther = await changePassword(
          other.accessToken,
          { oldPassword: user.password, newPassword: 'hijack-1' },
          user.id,
        );
        assert.equal(byOther.statusCode, 403);
        const byAdmin = await changePassword(adminToken, { newPassword: 'reset-pass' }, user.id);
        assert.equal(byAdmin.statusCode, 204);
        assert.equal((await logIn(user.loginName, 'reset-pass')).statusCode, 200);
      });

      it('disables a user (admin only): no log-in, tokens end; enabling restores log-in', async () => {
        const user = await persona.createUser(app);
        const setStatus = (token: string, disabled: boolean) =>
          persona.request({
            method: 'PUT',
            url: `/api/apps/${app.appId}/users/${user.id}/status`,
            headers: bearer(token),
            payload: { disabled },
          });
        assert.equal((await setStatus(user.accessToken, true)).statusCode, 403);
        assert.equal((await setStatus(adminToken, true)).statusCode, 204);
        assert.equal((await getUser(user.accessToken)).statusCode, 401);
        assert.equal((await logIn(user.loginName, user.password)).statusCode, 400);
        assert.equal((await getUser(adminToken, user.id)).json()._disabled, true);
        assert.equal((await setStatus(adminToken, false)).statusCode, 204);
        assert.equal((await getUser(adminToken, user.id)).json()._disabled, false);
        assert.equal((await logIn(user.loginName, user.password)).statusCode, 200);
        const badBody = await persona.request({
          method: 'PUT',
          url: `/api/apps/${app.appId}/users/${user.id}/status`,
          headers: bearer(adminToken),
          payload: { disabled: 'yes' },
        });
        assert.equal(badBody.statusCode, 400);
      });

      it('deletes a user: 204, every token ends, and the user is gone', async () => {
        const user = await persona.createUser(app);
        const response = await persona.request({
          method: 'DELETE',
          url: `/api/apps/${app.appId}/users/me`,
          headers: { ...bearer(user.accessToken), 'content-type': 'application/json' },
        });
        assert.equal(response.statusCode, 204);
        assert.equal((await getUser(user.accessToken)).statusCode, 401);
        assert.equal((await getUser(adminToken, user.id)).statusCode, 404);
        assert.equal((await logIn(user.loginName, user.password)).statusCode, 400);
      });

      it('refuses to delete another user; the admin may, and a second delete is 404', async () => {
        const user = await persona.createUser(app);
        const other = await persona.createUser(app);
        const del = (token: string) =>
          persona.request({ method: 'DELETE', url: `/api/apps/${app.appId}/users/${user.id}`, headers: bearer(token) });
        assert.equal((await del(other.accessToken)).statusCode, 403);
        assert.equal((await getUser(user.accessToken)).statusCode, 200);
        const otherAppsAdmin = await persona.adminToken(otherApp);
        assert.equal((await del(otherAppsAdmin)).statusCode, 401);
        assert.equal((await del(adminToken)).statusCode, 204);
        const again = await del(adminToken);
        assert.equal(again.statusCode, 404);
        assert.equal(again.json().errorCode, 'USER_NOT_FOUND');
      });
    });
  });
}
