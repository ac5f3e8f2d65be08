import { randomBytes } from 'node:crypto';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditActor, AuditLog } from '../audit/audit.service.ts';
import { CoreError } from '../errors.ts';
import { type AnonymousPrincipal, type Principal, requireAdmin } from '../principal.ts';
import { hashSecret, randomSecret, secretMatches } from '../secrets.ts';
import type { AppsRepository } from './apps.repository.ts';
import {
  type App,
  type AppSettings,
  type CreatedApp,
  defaultAppSettings,
  type NumericSetting,
  type SettingRange,
  settingRanges,
} from './apps.types.ts';

/** What rotating an app's credentials must also do elsewhere: end the admin tokens the old secret earned. */
export interface CredentialEffects {
  endAdminTokens(appId: string): Promise<number>;
}

/** An app's admin client, as a client-credentials exchange checks it. */
export interface AdminClient {
  app: App;
  /** Whether the secret is the client's, as read. */
  secretMatches(secret: string): boolean;
  /**
   * Inside a unit of work: whether the secret read is still the client's, kept so until the unit commits (a rotation
   * waits for it, and then ends what it issued).
   */
  stillCurrent(): Promise<boolean>;
}

/** Tenants: creation, credentials and settings. */
export class AppsService {
  readonly #repository: AppsRepository;
  readonly #unitOfWork: UnitOfWork;
  readonly #effects: CredentialEffects;
  readonly #audit: AuditLog;

  constructor(repository: AppsRepository, unitOfWork: UnitOfWork, effects: CredentialEffects, audit: AuditLog) {
    this.#repository = repository;
    this.#unitOfWork = unitOfWork;
    this.#effects = effects;
    this.#audit = audit;
  }

  /** Every app, oldest first (for operators: the CLI). */
  listApps(): Promise<App[]> {
    return this.#repository.listApps();
  }

  /** A new app key, shown once; the old one stops working at once on every instance. */
  async rotateAppKey(appId: string, actor: AuditActor = 'operator'): Promise<string> {
    const appKey = randomBytes(16).toString('hex');
    await this.#unitOfWork.run(async () => {
      if (!(await this.#repository.replaceSecretHash(appId, 'app_key_hash', hashSecret(appKey))))
        throw appNotFound(appId);
      await this.#audit.record(appId, actor, 'app.key_rotated');
    });
    return appKey;
  }

  /**
   * A new admin client secret, shown once. The old one stops working, and every admin token issued for it ends, in
   * the same transaction.
   */
  async rotateClientSecret(
    appId: string,
    actor: AuditActor = 'operator',
  ): Promise<{ clientId: string; clientSecret: string }> {
    const clientSecret = randomSecret(32);
    return this.#unitOfWork.run(async () => {
      if (!(await this.#repository.replaceSecretHash(appId, 'client_secret_hash', hashSecret(clientSecret)))) {
        throw appNotFound(appId);
      }
      const adminTokensEnded = await this.#effects.endAdminTokens(appId);
      await this.#audit.record(appId, actor, 'app.client_secret_rotated', { details: { adminTokensEnded } });
      const app = await this.#repository.findApp(appId);
      return { clientId: app?.clientId ?? '', clientSecret };
    });
  }

  /** `rotateAppKey` for the app's admin (the console): the apps' clients need the new key; admin tokens stay. */
  async rotateAppKeyAsAdmin(principal: Principal): Promise<string> {
    requireAdmin(principal);
    return this.rotateAppKey(principal.appId, principal);
  }

  /** `rotateClientSecret` for the app's admin (the admin API). */
  async rotateClientSecretAsAdmin(principal: Principal): Promise<{ clientId: string; clientSecret: string }> {
    requireAdmin(principal);
    return this.rotateClientSecret(principal.appId, principal);
  }

  /**
   * Creates an app (with the defaults, or some settings of its own) and returns its credentials in clear, once; only
   * their hashes are stored.
   */
  async createApp(name: string, settings: Partial<AppSettings> = {}): Promise<CreatedApp> {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 200) {
      throw new CoreError('invalid_input', 'name must be 1 to 200 characters', { field: 'name' });
    }
    const changed = definedOnly(settings);
    validateSettings({ ...defaultAppSettings, ...changed });
    const created: CreatedApp = {
      appId: randomBytes(6).toString('hex'),
      appKey: randomBytes(16).toString('hex'),
      clientId: randomBytes(16).toString('hex'),
      clientSecret: randomSecret(32),
    };
    await this.#repository.insertApp({
      id: created.appId,
      name: trimmed,
      appKeyHash: hashSecret(created.appKey),
      clientId: created.clientId,
      clientSecretHash: hashSecret(created.clientSecret),
      createdAt: Date.now(),
      settings: changed,
    });
    return created;
  }

  /** The app, or `app_not_found`. */
  async getApp(appId: string): Promise<App> {
    const app = await this.#repository.findApp(appId);
    if (!app) throw new CoreError('app_not_found', `The application ${appId} was not found`, { value: appId });
    return app;
  }

  /** Proves an anonymous caller speaks for the app: `app_not_found` or `invalid_app_credentials` otherwise. */
  async authenticateAppKey(appId: string, appKey: string): Promise<AnonymousPrincipal> {
    const hash = await this.#repository.findAppKeyHash(appId);
    if (hash === undefined)
      throw new CoreError('app_not_found', `The application ${appId} was not found`, { value: appId });
    if (!secretMatches(appKey, hash)) throw new CoreError('invalid_app_credentials', 'The app key is not valid');
    return { kind: 'anonymous', appId };
  }

  /**
   * The admin client of this id: its app, and a check of a secret against the client's (so that the caller can
   * throttle the check, which needs the app); undefined when there is no such client.
   */
  async clientOf(clientId: string): Promise<AdminClient | undefined> {
    const found = await this.#repository.findByClientId(clientId);
    return (
      found && {
        app: found.app,
        secretMatches: (secret) => secretMatches(secret, found.clientSecretHash),
        stillCurrent: async () =>
          (await this.#repository.lockClientSecretHash(found.app.id)) === found.clientSecretHash,
      }
    );
  }

  /** Every app's id, for maintenance that visits each app. */
  listAppIds(): Promise<string[]> {
    return this.#repository.listAppIds();
  }

  /** The caller's app, for its admin only. */
  async getAppAsAdmin(principal: Principal): Promise<App> {
    requireAdmin(principal);
    return this.getApp(principal.appId);
  }

  /** Applies a partial settings change by the app's admin; returns the app as it now is. */
  async updateSettings(principal: Principal, patch: Partial<AppSettings>): Promise<App> {
    requireAdmin(principal);
    const app = await this.getApp(principal.appId);
    const changed = definedOnly(patch);
    const settings: AppSettings = { ...app.settings, ...changed };
    validateSettings(settings);
    await this.#unitOfWork.run(async () => {
      await this.#repository.updateSettings(app.id, changed);
      await this.#audit.record(app.id, principal, 'app.settings_changed', { details: { changed } });
    });
    return { ...app, settings };
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function validateSettings(settings: AppSettings): void {
  const fields: { field: string; message: string }[] = [];
  // From one second up, so that a client can try expiry quickly (the v1 face's clients test their refresh paths).
  const { accessTokenTtlSeconds: access, refreshTokenTtlSeconds: refresh } = settings;
  for (const [field, { minimum, maximum }] of Object.entries(settingRanges) as [NumericSetting, SettingRange][]) {
    const value = settings[field];
    if (field === 'refreshTokenTtlSeconds') {
      if (!Number.isInteger(refresh) || refresh < access || refresh > maximum) {
        fields.push({
          field,
          message: `must be an integer no shorter than accessTokenTtlSeconds and at most ${maximum}`,
        });
      }
    } else if (!Number.isInteger(value) || value < minimum || value > maximum) {
      fields.push({ field, message: `must be an integer from ${minimum} to ${maximum}` });
    }
  }
  if (settings.logInLockAfterFailures < settings.logInDelayAfterFailures) {
    fields.push({ field: 'logInLockAfterFailures', message: 'must be no less than logInDelayAfterFailures' });
  }
  if (fields.length > 0) {
    throw new CoreError('invalid_input', fields.map((f) => `${f.field} ${f.message}`).join('; '), { fields });
  }
}

function appNotFound(appId: string): CoreError {
  return new CoreError('app_not_found', `The application ${appId} was not found`, { value: appId });
}
