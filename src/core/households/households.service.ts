import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AppsService } from '../apps/apps.service.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, InputProblems } from '../errors.ts';
import type { ActiveProfile, IssuedTokens, ProfileDirectory } from '../identity/identity.types.ts';
import type { Passwords } from '../identity/passwords.ts';
import type { TokensRepository } from '../identity/tokens.repository.ts';
import type { UsersRepository } from '../identity/users.repository.ts';
import type { MoviesRepository } from '../movies/movies.repository.ts';
import type { Principal, UserPrincipal } from '../principal.ts';
import { requireAdmin, requireOwnerUser, requireUser } from '../principal.ts';
import type { Profile, ProfileInput, ProfilePatch, UserPinState } from './households.types.ts';
import type { IconsRepository } from './icons.repository.ts';
import type { PinsRepository } from './pins.repository.ts';
import type { NewProfile, ProfilesRepository } from './profiles.repository.ts';

export const languagePattern = /^[a-z]{3}$/;
export const pinPattern = /^[0-9]{4,8}$/;
/** Wrong PINs in a row that lock PIN checks, and for how long. */
export const pinLockThreshold = 5;
export const pinLockMs = 15 * 60 * 1000;

/** Issues an access token of the caller's user bound to a profile (identity's job, handed in by the core). */
export type ProfileTokenIssuer = (principal: UserPrincipal, profileId: string) => Promise<IssuedTokens>;
export const maxThresholds = 20;
export const maxAdditionalProperties = 32;

/**
 * Household profiles: every account has a default profile (created with the account, never deleted) and up to the
 * app's `maxProfilesPerAccount` in all. Calls act on the token's own account; while the token is bound to a child
 * profile, nothing may be created, changed or deleted.
 */
export class HouseholdsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #profiles: ProfilesRepository;
  readonly #tokens: TokensRepository;
  readonly #apps: AppsService;
  readonly #movies: MoviesRepository;
  readonly #icons: IconsRepository;
  readonly #pins: PinsRepository;
  readonly #users: UsersRepository;
  readonly #passwords: Passwords;
  readonly #issueToken: ProfileTokenIssuer;

  readonly #audit: AuditLog;

  constructor(
    unitOfWork: UnitOfWork,
    profiles: ProfilesRepository,
    tokens: TokensRepository,
    apps: AppsService,
    movies: MoviesRepository,
    icons: IconsRepository,
    pins: PinsRepository,
    users: UsersRepository,
    passwords: Passwords,
    issueToken: ProfileTokenIssuer,
    audit: AuditLog,
  ) {
    this.#passwords = passwords;
    this.#audit = audit;
    this.#unitOfWork = unitOfWork;
    this.#profiles = profiles;
    this.#tokens = tokens;
    this.#apps = apps;
    this.#movies = movies;
    this.#icons = icons;
    this.#pins = pins;
    this.#users = users;
    this.#issueToken = issueToken;
  }

  /**
   * A new access token of the caller's user bound to another of the account's profiles (the caller's token stays
   * valid). Leaving a child profile for one that is not needs the account's PIN.
   */
  async switchProfile(principal: Principal, profileId: string, pin: string | undefined): Promise<IssuedTokens> {
    const user = requireUser(principal);
    const target = await this.#profiles.findProfile(user.appId, user.userId, profileId);
    if (!target) throw profileNotFound(profileId);
    if (user.profile?.child && !target.child) {
      if (pin === undefined) {
        throw new CoreError('wrong_pin', 'Leaving a child profile for one that is not needs the PIN', { field: 'pin' });
      }
      await this.#checkPin(user.appId, user.userId, pin);
    }
    return this.#issueToken(user, target.id);
  }

  /** Whether the account has a PIN, and whether PIN checks are locked (and for how many more seconds). */
  async pinStatus(principal: Principal): Promise<{ status: 'UNSET' | 'SET' | 'LOCKED'; lockTimeRemaining: number }> {
    const { appId, userId } = requireUser(principal);
    const stored = await this.#pins.findPin(appId, userId);
    if (!stored) return { status: 'UNSET', lockTimeRemaining: 0 };
    const remaining = (stored.lockedUntil ?? 0) - Date.now();
    if (remaining > 0) return { status: 'LOCKED', lockTimeRemaining: Math.ceil(remaining / 1000) };
    return { status: 'SET', lockTimeRemaining: 0 };
  }

  /** Sets the account's PIN (4–8 digits); changing a set PIN needs the current one, checked like any PIN. */
  async setPin(principal: Principal, pin: string, currentPin: string | undefined): Promise<void> {
    const { appId, userId } = requireOwnerUser(principal);
    if (!pinPattern.test(pin)) {
      const problems = new InputProblems();
      problems.add('pin', 'must be 4 to 8 digits');
      problems.throwIfAny();
    }
    if (await this.#pins.findPin(appId, userId)) {
      if (currentPin === undefined) {
        throw new CoreError('wrong_pin', 'Changing the PIN needs the current one', { field: 'currentPin' });
      }
      await this.#checkPin(appId, userId, currentPin);
    }
    await this.#pins.setPin(appId, userId, await this.#passwords.hash(pin), Date.now());
  }

  /** Removes a user's PIN (admin only): the account can set a new one without the old. */
  async resetPin(principal: Principal, userId: string): Promise<void> {
    requireAdmin(principal);
    if (!(await this.#users.findUser(principal.appId, userId))) {
      throw new CoreError('user_not_found', 'The app has no user with this id', { field: 'userId', value: userId });
    }
    await this.#unitOfWork.run(async () => {
      if (await this.#pins.deletePin(principal.appId, userId)) {
        await this.#audit.record(principal.appId, principal, 'user.pin_reset', { userId });
      }
    });
  }

  /**
   * A user's household PIN as the admin sees it (admin only): whether one is set, the wrong attempts counted since the
   * last right one, and the lock's end when PIN checks are locked now. Never the PIN or its hash.
   */
  async pinStateOfUser(principal: Principal, userId: string): Promise<UserPinState> {
    requireAdmin(principal);
    await this.#requireUser(principal.appId, userId);
    const stored = await this.#pins.findPin(principal.appId, userId);
    if (!stored) return { status: 'UNSET', failedAttempts: 0, lockedUntil: null };
    const lockedUntil = (stored.lockedUntil ?? 0) > Date.now() ? stored.lockedUntil : null;
    // A lock that has ended starts a new count with the next wrong PIN: its attempts no longer count.
    const failedAttempts = stored.lockedUntil !== null && lockedUntil === null ? 0 : stored.failedAttempts;
    return { status: lockedUntil === null ? 'SET' : 'LOCKED', failedAttempts, lockedUntil };
  }

  /**
   * Lifts a user's PIN lock (admin only): forgets the wrong attempts and ends the lock, keeping the PIN. Audited
   * `user.pin_unlocked` (`lifted`: whether a lock held) when there was anything to forget; answers whether a lock held.
   */
  async liftPinLock(principal: Principal, userId: string): Promise<boolean> {
    requireAdmin(principal);
    await this.#requireUser(principal.appId, userId);
    return this.#unitOfWork.run(async () => {
      const now = Date.now();
      const stored = await this.#pins.findPin(principal.appId, userId);
      if (!stored || (stored.failedAttempts === 0 && stored.lockedUntil === null)) return false;
      const lifted = (stored.lockedUntil ?? 0) > now;
      await this.#pins.clearFailures(principal.appId, userId, now);
      await this.#audit.record(principal.appId, principal, 'user.pin_unlocked', { userId, details: { lifted } });
      return lifted;
    });
  }

  async #requireUser(appId: string, userId: string): Promise<void> {
    if (!(await this.#users.findUser(appId, userId))) {
      throw new CoreError('user_not_found', 'The app has no user with this id', { field: 'userId', value: userId });
    }
  }

  /**
   * Checks a PIN against the account's. Every wrong attempt is counted in the database; the fifth in a row locks PIN
   * checks for 15 minutes, during which every attempt is refused without computing a hash (and still counted).
   */
  async #checkPin(appId: string, userId: string, pin: string): Promise<void> {
    const stored = await this.#pins.findPin(appId, userId);
    if (!stored) throw new CoreError('pin_not_set', 'The account has no PIN; set one first', { field: 'pin' });
    const now = Date.now();
    const locked = () =>
      new CoreError('pin_locked', 'PIN checks are locked after too many wrong PINs; try again later', { field: 'pin' });
    if ((stored.lockedUntil ?? 0) > now) {
      await this.#pins.recordFailure(appId, userId, now, pinLockThreshold, pinLockMs);
      throw locked();
    }
    if (!(await this.#passwords.verify(pin, stored.pinHash))) {
      const after = await this.#pins.recordFailure(appId, userId, Date.now(), pinLockThreshold, pinLockMs);
      if ((after?.lockedUntil ?? 0) > Date.now()) throw locked();
      throw new CoreError('wrong_pin', 'The PIN is not right', { field: 'pin' });
    }
    if (!(await this.#pins.recordSuccess(appId, userId, Date.now()))) throw locked();
  }

  /**
   * Creates a profile of the caller's account; returns its id. Past the app's cap → `profile_limit_reached`; a name
   * the account has (any case) → `profile_name_taken`; a bad field → `invalid_input` naming each.
   */
  async createProfile(principal: Principal, input: ProfileInput): Promise<string> {
    const caller = requireOwnerUser(principal);
    const { appId, userId } = caller;
    const profile: NewProfile = {
      id: uuidv7(),
      userId,
      isDefault: false,
      name: input.name.trim(),
      child: input.child ?? false,
      pinPromptRequired: input.pinPromptRequired ?? false,
      audioLanguage: input.audioLanguage?.toLowerCase() ?? null,
      subtitleLanguage: input.subtitleLanguage?.toLowerCase() ?? null,
      ratingThresholds: input.ratingThresholds ?? [],
      iconId: input.iconId ?? null,
      additionalProperties: input.additionalProperties ?? [],
    };
    await this.#check(appId, profile);
    const { settings } = await this.#apps.getApp(appId);
    return this.#unitOfWork.run(async () => {
      const count = await this.#profiles.countProfilesLocked(appId, userId);
      if (count >= settings.maxProfilesPerAccount) {
        throw new CoreError(
          'profile_limit_reached',
          `The account has ${count} profiles, the most this app allows (${settings.maxProfilesPerAccount})`,
        );
      }
      if ((await this.#profiles.insertProfile(appId, profile, Date.now())) === 'name-taken')
        throw nameTaken(profile.name);
      return profile.id;
    });
  }

  /** The caller's profiles, the default first, then by creation; `limit` and 1-based `page` select a slice. */
  async listProfiles(
    principal: Principal,
    request: { limit?: number | undefined; page?: number | undefined },
  ): Promise<{ items: Profile[]; total: number }> {
    const { appId, userId } = requireUser(principal);
    const problems = new InputProblems();
    if (request.page !== undefined && request.limit === undefined) problems.add('page', 'needs limit');
    if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > 100)) {
      problems.add('limit', 'must be an integer from 1 to 100');
    }
    if (request.page !== undefined && (!Number.isInteger(request.page) || request.page < 1)) {
      problems.add('page', 'must be an integer ≥ 1');
    }
    problems.throwIfAny();
    const limit = request.limit;
    const offset = limit === undefined ? 0 : ((request.page ?? 1) - 1) * limit;
    return this.#profiles.listProfiles(appId, userId, { offset, limit });
  }

  /** One of the caller's profiles, or `profile_not_found` (another account's profile is not found either). */
  async getProfile(principal: Principal, profileId: string): Promise<Profile> {
    const { appId, userId } = requireUser(principal);
    const profile = await this.#profiles.findProfile(appId, userId, profileId);
    if (!profile) throw profileNotFound(profileId);
    return profile;
  }

  /** Changes the given fields of one of the caller's profiles; `modified` is false when nothing differed. */
  async updateProfile(
    principal: Principal,
    profileId: string,
    patch: ProfilePatch,
  ): Promise<{ matched: boolean; modified: boolean }> {
    const caller = requireOwnerUser(principal);
    const { appId, userId } = caller;
    const current = await this.#profiles.findProfile(appId, userId, profileId);
    if (!current) throw profileNotFound(profileId);
    const { createdAt: _created, modifiedAt: _modified, ...stored } = current;
    const next: NewProfile = {
      ...stored,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.child !== undefined ? { child: patch.child } : {}),
      ...(patch.pinPromptRequired !== undefined ? { pinPromptRequired: patch.pinPromptRequired } : {}),
      ...(patch.audioLanguage !== undefined ? { audioLanguage: patch.audioLanguage?.toLowerCase() ?? null } : {}),
      ...(patch.subtitleLanguage !== undefined
        ? { subtitleLanguage: patch.subtitleLanguage?.toLowerCase() ?? null }
        : {}),
      ...(patch.ratingThresholds !== undefined ? { ratingThresholds: patch.ratingThresholds } : {}),
      ...(patch.iconId !== undefined ? { iconId: patch.iconId } : {}),
      ...(patch.additionalProperties !== undefined ? { additionalProperties: patch.additionalProperties } : {}),
    };
    await this.#check(appId, next);
    if (JSON.stringify(stored) === JSON.stringify(next)) return { matched: true, modified: false };
    if ((await this.#profiles.updateProfile(appId, next, Date.now())) === 'name-taken') throw nameTaken(next.name);
    return { matched: true, modified: true };
  }

  /**
   * Deletes one of the caller's profiles and ends every token bound to it. The default profile cannot be deleted
   * (`forbidden`).
   */
  async deleteProfile(principal: Principal, profileId: string): Promise<void> {
    const caller = requireOwnerUser(principal);
    const { appId, userId } = caller;
    const current = await this.#profiles.findProfile(appId, userId, profileId);
    if (!current) throw profileNotFound(profileId);
    if (current.isDefault) {
      throw new CoreError('forbidden', 'The default profile of an account cannot be deleted', {
        appId,
        principalId: userId,
      });
    }
    await this.#unitOfWork.run(async () => {
      // Under the account's lock, as every token is issued: a switch into this profile ends here too, or is refused.
      await this.#users.lockCredentials(appId, userId);
      if (!(await this.#profiles.deleteProfile(appId, userId, profileId))) throw profileNotFound(profileId);
      await this.#tokens.deleteTokensOfProfile(appId, userId, profileId);
    });
  }

  /** Every profile of a user (the export of a user). */
  profilesOf(appId: string, userId: string): Promise<Profile[]> {
    return this.#profiles.profilesOf(appId, userId);
  }

  /** What identity asks of households: the default profile to bind at log-in, a token's profile, sign-up's profile. */
  directory(): ProfileDirectory {
    return {
      defaultProfileId: (appId, userId) => this.#profiles.findDefaultProfileId(appId, userId),
      activeProfile: async (appId, userId, profileId): Promise<ActiveProfile | undefined> => {
        const profile = await this.#profiles.findProfile(appId, userId, profileId);
        return (
          profile && {
            id: profile.id,
            child: profile.child,
            ratingThresholds: profile.ratingThresholds.map(({ ratingsBody, rating }) => ({ ratingsBody, rating })),
          }
        );
      },
      createDefaultProfile: async (appId, userId, name) => {
        const id = uuidv7();
        const stored = await this.#profiles.insertProfile(
          appId,
          {
            id,
            userId,
            isDefault: true,
            name: name.trim().slice(0, 64) || 'Profile',
            child: false,
            pinPromptRequired: false,
            audioLanguage: null,
            subtitleLanguage: null,
            ratingThresholds: [],
            iconId: null,
            additionalProperties: [],
          },
          Date.now(),
        );
        // A new account has no other profile whose name could be taken.
        if (stored !== 'stored') throw new Error('the first profile of an account collided with another');
        return id;
      },
    };
  }

  /** Every rule a profile's fields must meet; throws `invalid_input` naming each that does not. */
  async #check(appId: string, profile: NewProfile): Promise<void> {
    const problems = new InputProblems();
    if (profile.name.length === 0 || profile.name.length > 64) problems.add('name', 'must be 1 to 64 characters');
    for (const [field, value] of [
      ['preferredAudioLanguage', profile.audioLanguage],
      ['preferredSubtitleLanguage', profile.subtitleLanguage],
    ] as const) {
      if (value !== null && !languagePattern.test(value)) problems.add(field, 'must be an ISO 639-2 code (3 letters)');
    }
    if (profile.ratingThresholds.length > maxThresholds) {
      problems.add('ratingsThresholds', `at most ${maxThresholds} thresholds`);
    }
    if (profile.child && profile.ratingThresholds.length === 0) {
      problems.add('ratingsThresholds', 'a child profile needs at least one threshold');
    }
    if (profile.child && profile.isDefault)
      problems.add('childProfile', 'the default profile cannot be a child profile');
    if (profile.ratingThresholds.length > 0) {
      const ranks = await this.#movies.ratingRanks(appId);
      const bodies = new Set<string>();
      profile.ratingThresholds.forEach(({ ratingsBody, rating }, index) => {
        const at = `ratingsThresholds[${index}]`;
        const known = ranks.get(ratingsBody);
        if (!known) problems.add(`${at}.ratingsBody`, 'is not a ratings body of the app');
        else if (!known.has(rating))
          problems.add(`${at}.ratingsThreshold`, `${rating} is not a rating of ${ratingsBody}`);
        if (bodies.has(ratingsBody)) problems.add(`${at}.ratingsBody`, 'has a threshold already');
        bodies.add(ratingsBody);
      });
    }
    if (profile.iconId !== null && !(await this.#icons.exists(appId, profile.iconId))) {
      problems.add('iconName', 'is not an icon of the app');
    }
    if (profile.additionalProperties.length > maxAdditionalProperties) {
      problems.add('additionalProperties', `at most ${maxAdditionalProperties} pairs`);
    }
    profile.additionalProperties.forEach(({ name, value }, index) => {
      if (name.length === 0 || name.length > 64)
        problems.add(`additionalProperties[${index}].name`, 'must be 1 to 64 characters');
      if (value.length > 1024) problems.add(`additionalProperties[${index}].value`, 'must be at most 1024 characters');
    });
    problems.throwIfAny();
  }
}

function profileNotFound(profileId: string): CoreError {
  return new CoreError('profile_not_found', 'The account has no profile with this id', {
    field: 'profileId',
    value: profileId.slice(0, 64),
  });
}

function nameTaken(name: string): CoreError {
  return new CoreError('profile_name_taken', 'The account has a profile of this name already', {
    field: 'name',
    value: name,
  });
}
