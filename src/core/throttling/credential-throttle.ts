import { LRUCache } from 'lru-cache';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { EventBus } from '../../events/bus.ts';
import type { AppSettings } from '../apps/apps.types.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError } from '../errors.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import { RefusalMemo } from './refusal-memo.ts';
import {
  type FailureRecord,
  type FailureScope,
  pairSubject,
  type ThrottlingRepository,
} from './throttling.repository.ts';

/** How long an address that logged in to an account stays known to it (exempt from account and address locks). */
export const knownAddressMs = 90 * 24 * 3600 * 1000;

/** How long this instance trusts its memory of an account's known addresses while the hashing budget is full. */
export const knownWhileBusyMs = 10_000;
/** An account with more known addresses than this is not remembered: its checks read the one pair instead. */
const maxRememberedAddresses = 1000;

/** An account's known addresses as this instance remembers them; `known` is null when there are too many to hold. */
interface RememberedAddresses {
  known: Set<string> | null;
}

/** One credential check: the account (a user id, or the identifier when no user has it) and the caller's address. */
export interface CredentialCheck {
  appId: string;
  account: string;
  /** The user the account is, for the audit log; null when no user has the identifier. */
  userId: string | null;
  address: string;
  /** The identifier the caller named (`loginName:ann`), when it named one. */
  identifier?: string;
}

/** A check the throttle let through; it counts as a failure until it is settled. */
export interface AdmittedCheck extends CredentialCheck {
  readonly pairSubject: string;
  readonly settings: AppSettings;
  /** The address logged in to this account before: its check goes before strangers' in the hashing budget. */
  readonly known: boolean;
}

/**
 * Brute-force protection of every credential check (modelled on Keycloak's brute-force detection and OWASP ASVS 2.2),
 * counted in the database so that it holds across instances and restarts:
 *
 * - **one account from one address** (`pair`): after `logInDelayAfterFailures` failures each further attempt waits
 *   (1 s, doubling, at most the lock time); at `logInLockAfterFailures` the pair is locked for `logInLockSeconds`;
 * - **one account from anywhere** and **one address against any account**: past their thresholds they are locked,
 *   but not for an address the account logged in from before, so a stranger cannot lock the owner out.
 *
 * A check is counted before the password is checked, under the pair's row lock, so that a burst of concurrent
 * attempts is let through exactly up to the threshold and the rest are refused without computing a hash.
 */
export class CredentialThrottle {
  readonly #unitOfWork: UnitOfWork;
  readonly #repository: ThrottlingRepository;
  readonly #audit: AuditLog;
  readonly #refused = new RefusalMemo();
  /**
   * Identifiers of locked accounts, with the addresses known to each: a stranger naming one is refused before the
   * user is even read. Nothing adds a known address during a lock (a stranger cannot log in), so the set holds.
   */
  readonly #lockedIdentifiers = new LRUCache<string, { until: number; known: ReadonlySet<string> }>({
    maxSize: 4 * 1024 * 1024,
    sizeCalculation: (locked, key) => 128 + 2 * key.length + 100 * locked.known.size,
  });

  /**
   * While the hashing budget is full: the addresses known to the accounts named lately, by identifier (one that no
   * user has knows none), so that a flood of strangers naming an account is refused with no read at all. An entry is
   * trusted for `knownWhileBusyMs`: a log-in on this instance adds its address at once, one on another instance is
   * seen when the entry expires (until then that address waits with strangers, only while the budget is full).
   */
  readonly #knownWhileBusy = new LRUCache<string, RememberedAddresses>({
    maxSize: 4 * 1024 * 1024,
    sizeCalculation: (remembered, key) => 128 + 2 * key.length + 100 * (remembered.known?.size ?? 0),
    ttl: knownWhileBusyMs,
  });
  /** Reads of an account's known addresses under way, shared by the strangers who arrive meanwhile. */
  readonly #knownLoading = new Map<string, Promise<RememberedAddresses>>();

  constructor(unitOfWork: UnitOfWork, repository: ThrottlingRepository, audit: AuditLog, bus: EventBus) {
    this.#unitOfWork = unitOfWork;
    this.#repository = repository;
    this.#audit = audit;
    // A lock the admin lifted is forgotten by every instance; one that may have missed it forgets every refusal (they
    // are only shortcuts to what the database says).
    bus.subscribe((event) => {
      if (event.type === 'credentials.unlocked') this.#forgetAccount(event.appId, event.account);
    });
    bus.onGap(() => {
      this.#refused.forget(() => true);
      this.#lockedIdentifiers.clear();
    });
  }

  #forgetAccount(appId: string, account: string): void {
    const pairs = `${appId}|pair|${account}|`;
    const own = `${appId}|account|${account}`;
    this.#refused.forget((key) => key === own || key.startsWith(pairs));
    // Remembered by identifier, not account: the app's are forgotten (they are read again on the next attempt).
    for (const key of [...this.#lockedIdentifiers.keys()]) {
      if (key.startsWith(`${appId}|`)) this.#lockedIdentifiers.delete(key);
    }
  }

  /**
   * Throws `too_many_attempts` when this instance already refused the pair, or knows the account or the address to be
   * locked and the address is not known to the account: without a write, so that a flood of refused attempts costs
   * the database at most a read each. `admit` does it too; call it first to refuse before other work.
   */
  async refuseEarly(check: CredentialCheck, now = Date.now()): Promise<void> {
    const pairRefused = this.#refused.refusedUntil(
      `${check.appId}|pair|${pairSubject(check.account, check.address)}`,
      now,
    );
    if (pairRefused !== undefined) throw tooManyAttempts(pairRefused - now);
    const accountLocked = this.#refused.refusedUntil(`${check.appId}|account|${check.account}`, now);
    const locked = Math.max(
      accountLocked ?? 0,
      this.#refused.refusedUntil(`${check.appId}|address|${check.address}`, now) ?? 0,
    );
    if (locked > now && !(await this.isKnown(check, now))) {
      if (accountLocked !== undefined && check.identifier !== undefined) {
        await this.#rememberLockedIdentifier(check, check.identifier, accountLocked, now);
      }
      throw tooManyAttempts(locked - now);
    }
  }

  /**
   * Refuses at once, without a read, a stranger naming the identifier of an account this instance knows to be locked
   * (an address the account logged in from goes on to the checks).
   */
  refuseByIdentifier(appId: string, identifier: string, address: string, now = Date.now()): void {
    const locked = this.#lockedIdentifiers.get(`${appId}|${identifier}`);
    if (locked && locked.until > now && !locked.known.has(address)) throw tooManyAttempts(locked.until - now);
  }

  async #rememberLockedIdentifier(check: CredentialCheck, identifier: string, until: number, now: number) {
    const key = `${check.appId}|${identifier}`;
    if ((this.#lockedIdentifiers.get(key)?.until ?? 0) >= until) return;
    const known = await this.#readKnown(check, now);
    if (known) this.#lockedIdentifiers.set(key, { until, known }, { ttl: Math.max(1, until - now) });
  }

  /** The addresses known to the account (none when no user has it), or null when there are too many to remember. */
  async #readKnown(check: CredentialCheck, now: number): Promise<Set<string> | null> {
    if (check.userId === null) return new Set();
    const since = now - knownAddressMs;
    const addresses = await this.#repository.knownAddresses(
      check.appId,
      check.account,
      since,
      maxRememberedAddresses + 1,
    );
    return addresses.length > maxRememberedAddresses ? null : new Set(addresses);
  }

  /**
   * Whether this instance's memory says the address is known to the account the identifier names; undefined when it
   * has no memory of the identifier. For refusing strangers before the user is read while the hashing budget is full.
   */
  knownFromMemory(appId: string, identifier: string, address: string): boolean | undefined {
    return this.#knownWhileBusy.get(`${appId}|${identifier}`)?.known?.has(address);
  }

  /**
   * `isKnown` for a check made while the hashing budget is full: reads every address known to the account once and
   * remembers them, so that the strangers who follow are refused from memory (`knownFromMemory`).
   */
  async isKnownWhileBusy(check: CredentialCheck & { identifier: string }, now = Date.now()): Promise<boolean> {
    const key = `${check.appId}|${check.identifier}`;
    let remembered = this.#knownWhileBusy.get(key);
    if (!remembered) {
      let loading = this.#knownLoading.get(key);
      if (!loading) {
        loading = this.#loadKnown(key, check, now).finally(() => this.#knownLoading.delete(key));
        this.#knownLoading.set(key, loading);
      }
      remembered = await loading;
    }
    return remembered.known ? remembered.known.has(check.address) : this.isKnown(check, now);
  }

  /** Reads and remembers the account's known addresses (`known: null` when too many to hold: check pair by pair). */
  async #loadKnown(key: string, check: CredentialCheck, now: number): Promise<RememberedAddresses> {
    const remembered = { known: await this.#readKnown(check, now) };
    this.#knownWhileBusy.set(key, remembered);
    return remembered;
  }

  /** Whether the address logged in to the account in the last 90 days (a read, no lock). */
  async isKnown(check: CredentialCheck, now = Date.now()): Promise<boolean> {
    return isKnown(await this.#repository.find(check.appId, 'pair', pairSubject(check.account, check.address)), now);
  }

  /** Lets the check through, counted as a failure until settled, or throws `too_many_attempts` with the wait. */
  async admit(check: CredentialCheck, settings: AppSettings, now = Date.now()): Promise<AdmittedCheck> {
    const subject = pairSubject(check.account, check.address);
    const keys = {
      pair: `${check.appId}|pair|${subject}`,
      account: `${check.appId}|account|${check.account}`,
      address: `${check.appId}|address|${check.address}`,
    };
    await this.refuseEarly(check, now);
    return this.#unitOfWork.run(async () => {
      const stored = await this.#repository.lockPair(check.appId, check.account, check.address, now);
      const memoryMs = settings.logInFailureMemorySeconds * 1000;
      const forgotten = stored.lastFailureAt === null || stored.lastFailureAt <= now - memoryMs;
      const pair = forgotten ? { ...stored, failures: 0, lockedUntil: null } : stored;
      let retryAt = pair.lockedUntil !== null && pair.lockedUntil > now ? pair.lockedUntil : 0;
      if (retryAt === 0 && pair.failures >= settings.logInDelayAfterFailures && pair.lastFailureAt !== null) {
        const exponent = Math.min(pair.failures - settings.logInDelayAfterFailures, 30);
        const waitMs = Math.min(1000 * 2 ** exponent, settings.logInLockSeconds * 1000);
        if (pair.lastFailureAt + waitMs > now) retryAt = pair.lastFailureAt + waitMs;
      }
      if (retryAt > now) {
        this.#refused.remember(keys.pair, retryAt, now);
        throw tooManyAttempts(retryAt - now);
      }
      const known = isKnown(pair, now);
      if (!known) {
        const [account, address] = await Promise.all([
          this.#repository.find(check.appId, 'account', check.account),
          this.#repository.find(check.appId, 'address', check.address),
        ]);
        for (const [scope, record] of [
          ['account', account],
          ['address', address],
        ] as const) {
          if (record?.lockedUntil != null && record.lockedUntil > now) {
            this.#refused.remember(keys[scope], record.lockedUntil, now);
            retryAt = Math.max(retryAt, record.lockedUntil);
          }
        }
      }
      if (retryAt > now) throw tooManyAttempts(retryAt - now);
      await this.#repository.updatePair(
        check.appId,
        subject,
        { ...pair, failures: pair.failures + 1, lastFailureAt: now },
        now,
      );
      return { ...check, pairSubject: subject, settings, known };
    });
  }

  /** The password was wrong: the failure stays counted, and counts against the account and the address. */
  async failed(check: AdmittedCheck, now = Date.now()): Promise<void> {
    const { settings } = check;
    const lockMs = settings.logInLockSeconds * 1000;
    const memoryMs = settings.logInFailureMemorySeconds * 1000;
    const started = await this.#unitOfWork.run(async () => {
      const locks: { scope: FailureScope; until: number }[] = [];
      const until = now + lockMs;
      if (
        await this.#repository.lockPairAt(check.appId, check.pairSubject, settings.logInLockAfterFailures, until, now)
      ) {
        locks.push({ scope: 'pair', until });
      }
      const scopes = [
        ['account', check.account, settings.accountLockAfterFailures],
        ['address', check.address, settings.addressLockAfterFailures],
      ] as const;
      for (const [scope, subject, threshold] of scopes) {
        if (threshold === 0) continue;
        const after = await this.#repository.countFailure(check.appId, scope, subject, {
          now,
          threshold,
          lockMs,
          memoryMs,
        });
        if (after.lockedUntil === until) locks.push({ scope, until });
      }
      for (const lock of locks) {
        await this.#audit.record(check.appId, 'system', 'credentials.locked', {
          userId: check.userId,
          details: { scope: lock.scope, address: check.address, lockedUntil: new Date(lock.until).toISOString() },
        });
      }
      return locks;
    });
    // Remembered once committed: a lock that rolled back must not be answered from memory.
    const subjects = { pair: check.pairSubject, account: check.account, address: check.address };
    for (const lock of started)
      this.#refused.remember(`${check.appId}|${lock.scope}|${subjects[lock.scope]}`, lock.until);
  }

  /** The password was right: the pair's failures are forgotten and the address becomes known to the account. */
  async succeeded(check: AdmittedCheck, now = Date.now()): Promise<void> {
    await this.#repository.updatePair(
      check.appId,
      check.pairSubject,
      { failures: 0, lastFailureAt: null, lockedUntil: null, succeededAt: now },
      now,
    );
    if (check.identifier !== undefined)
      this.#knownWhileBusy.get(`${check.appId}|${check.identifier}`)?.known?.add(check.address);
  }

  /**
   * The check was not made (the hashing budget was full) or proved nothing about the password: it stops counting.
   */
  async abandoned(check: AdmittedCheck, now = Date.now()): Promise<void> {
    await this.#unitOfWork.run(async () => {
      const pair = await this.#repository.lockPair(check.appId, check.account, check.address, now);
      await this.#repository.updatePair(
        check.appId,
        check.pairSubject,
        { ...pair, failures: Math.max(0, pair.failures - 1) },
        now,
      );
    });
  }

  /**
   * What the throttle holds about a user's password log-ins (admin only): the account's own record and one per address
   * it was tried from, with failures still remembered, the lock if one holds now, and the last success from there;
   * the most recently failed first, at most 100. A user with none (or of another app) has an empty list.
   */
  async credentialStateOfUser(principal: Principal, userId: string, now = Date.now()): Promise<CredentialState[]> {
    requireAdmin(principal);
    const records = await this.#repository.recordsOfAccount(principal.appId, `user:${userId}`, 100);
    return records.map((record) => ({
      scope: record.scope,
      address: record.address,
      failures: record.failures,
      lastFailureAt: record.lastFailureAt,
      lockedUntil: record.lockedUntil !== null && record.lockedUntil > now ? record.lockedUntil : null,
      lastSuccessAt: record.succeededAt,
    }));
  }

  /**
   * Lifts a user's log-in locks (admin only): the failures counted against the account, from every address and from
   * each one, are forgotten, so the user can log in at once, and every instance forgets the refusals it remembered.
   * Locks of an address against every account are not the user's and stay. Audited as `credentials.unlocked` (with how
   * many locks held); returns that number (0 when none did, or the user is not of this app).
   */
  async liftLocksOfUser(principal: Principal, userId: string, now = Date.now()): Promise<number> {
    requireAdmin(principal);
    const account = `user:${userId}`;
    return this.#unitOfWork.run(async () => {
      const lifted = await this.#repository.clearAccount(principal.appId, account, now);
      await this.#audit.record(principal.appId, principal, 'credentials.unlocked', { userId, details: { lifted } });
      this.#unitOfWork.publish({ type: 'credentials.unlocked', appId: principal.appId, account });
      return lifted;
    });
  }

  /** Forgets the app's records that no longer count (a recurring job). */
  async sweep(appId: string, settings: AppSettings, now = Date.now()): Promise<number> {
    const memoryMs = Math.max(settings.logInFailureMemorySeconds, settings.logInLockSeconds) * 1000;
    return this.#repository.deleteStale(appId, now - memoryMs, now - knownAddressMs);
  }
}

function isKnown(pair: FailureRecord | undefined, now: number): boolean {
  return pair?.succeededAt != null && pair.succeededAt > now - knownAddressMs;
}

/** One record of a user's log-in failures, as the admin reads it. */
export interface CredentialState {
  /** `account`: every address together (the account lock); `pair`: one address. */
  scope: 'pair' | 'account';
  address: string | null;
  failures: number;
  lastFailureAt: number | null;
  /** Until when log-ins are refused, when a lock holds now. */
  lockedUntil: number | null;
  lastSuccessAt: number | null;
}

export function tooManyAttempts(waitMs: number): CoreError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new CoreError('too_many_attempts', `Too many failed attempts; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}
