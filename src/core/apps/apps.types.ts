export interface AppSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  exposeFullUserDataToOthers: boolean;
  maxProfilesPerAccount: number;
  emailVerificationRequired: boolean;
  phoneVerificationRequired: boolean;
  /** Shortest password accepted when one is set (sign-up, change); apps created before it keep 4. */
  passwordMinLength: number;
  /** Failures of one account from one address before each further attempt waits (1 s, doubling each failure). */
  logInDelayAfterFailures: number;
  /** Failures of one account from one address that lock that pair for `logInLockSeconds`. */
  logInLockAfterFailures: number;
  logInLockSeconds: number;
  /** How long a failure is remembered after the last one. */
  logInFailureMemorySeconds: number;
  /** Failures against one account from any address that lock it for addresses it never logged in from; 0: off. */
  accountLockAfterFailures: number;
  /** Failures from one address against any account that lock that address out of log-ins; 0: off. */
  addressLockAfterFailures: number;
  /** The window of the anonymous calls' rate limits. */
  rateLimitWindowSeconds: number;
  /** Sign-ups (pseudo ones included) per client address and window; 0: unlimited. */
  signUpsPerAddress: number;
  /** Token requests (password, refresh, client credentials) per client address and window; 0: unlimited. */
  logInsPerAddress: number;
  /** Anonymous calls of the whole app per window, every address together; 0: unlimited. */
  anonymousCallsPerApp: number;
  /** How long a link sent in a message (password reset, email verification) works. */
  recoveryLinkTtlSeconds: number;
  /** How long a PIN sent in a message works. */
  recoveryPinTtlSeconds: number;
  /** Wrong attempts a code takes before it is spent. */
  recoveryCodeAttempts: number;
  /** Recovery and verification calls (requests, completions, link pages) per client address and window; 0: unlimited. */
  recoveryRequestsPerAddress: number;
  /** Messages asked for one identifier (a reset) or one user (a verification) per hour; 0: unlimited. */
  recoveryRequestsPerIdentifier: number;
}

/** A setting whose value is a number. */
export type NumericSetting = { [K in keyof AppSettings]: AppSettings[K] extends number ? K : never }[keyof AppSettings];

/** The values a numeric setting may take (integers, both ends included). */
export interface SettingRange {
  minimum: number;
  maximum: number;
}

/**
 * The range of every numeric setting, as the core checks a change (0 turns a limit or a lock off where allowed).
 * Besides its range, `refreshTokenTtlSeconds` is no shorter than `accessTokenTtlSeconds`, and
 * `logInLockAfterFailures` no less than `logInDelayAfterFailures`.
 */
export const settingRanges: Readonly<Record<NumericSetting, SettingRange>> = Object.freeze({
  // From one second up, so that a client can try expiry quickly (the v1 face's clients test their refresh paths);
  // at most a year, and ten years.
  accessTokenTtlSeconds: { minimum: 1, maximum: 31_536_000 },
  refreshTokenTtlSeconds: { minimum: 1, maximum: 315_360_000 },
  maxProfilesPerAccount: { minimum: 1, maximum: 50 },
  passwordMinLength: { minimum: 4, maximum: 50 },
  logInDelayAfterFailures: { minimum: 1, maximum: 1000 },
  logInLockAfterFailures: { minimum: 1, maximum: 10_000 },
  logInLockSeconds: { minimum: 1, maximum: 604_800 },
  logInFailureMemorySeconds: { minimum: 60, maximum: 2_592_000 },
  accountLockAfterFailures: { minimum: 0, maximum: 1_000_000 },
  addressLockAfterFailures: { minimum: 0, maximum: 1_000_000 },
  rateLimitWindowSeconds: { minimum: 1, maximum: 3600 },
  signUpsPerAddress: { minimum: 0, maximum: 1_000_000 },
  logInsPerAddress: { minimum: 0, maximum: 1_000_000 },
  anonymousCallsPerApp: { minimum: 0, maximum: 100_000_000 },
  recoveryLinkTtlSeconds: { minimum: 60, maximum: 604_800 },
  recoveryPinTtlSeconds: { minimum: 60, maximum: 86_400 },
  recoveryCodeAttempts: { minimum: 1, maximum: 20 },
  recoveryRequestsPerAddress: { minimum: 0, maximum: 1_000_000 },
  recoveryRequestsPerIdentifier: { minimum: 0, maximum: 1000 },
});

export const defaultAppSettings: Readonly<AppSettings> = Object.freeze({
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 2_592_000,
  exposeFullUserDataToOthers: false,
  maxProfilesPerAccount: 5,
  emailVerificationRequired: false,
  phoneVerificationRequired: false,
  passwordMinLength: 8,
  logInDelayAfterFailures: 5,
  logInLockAfterFailures: 10,
  logInLockSeconds: 900,
  logInFailureMemorySeconds: 43_200,
  accountLockAfterFailures: 50,
  addressLockAfterFailures: 100,
  rateLimitWindowSeconds: 60,
  signUpsPerAddress: 30,
  logInsPerAddress: 120,
  anonymousCallsPerApp: 0,
  recoveryLinkTtlSeconds: 3600,
  recoveryPinTtlSeconds: 600,
  recoveryCodeAttempts: 5,
  recoveryRequestsPerAddress: 30,
  recoveryRequestsPerIdentifier: 5,
});

export interface App {
  id: string;
  name: string;
  clientId: string;
  settings: AppSettings;
  createdAt: number;
}

/** A new app as stored: its secrets only as hashes. */
export interface NewApp {
  id: string;
  name: string;
  appKeyHash: string;
  clientId: string;
  clientSecretHash: string;
  createdAt: number;
  /** Settings that differ from the defaults. */
  settings?: Partial<AppSettings>;
}

/** What `createApp` returns: the only moment the secrets exist in clear. */
export interface CreatedApp {
  appId: string;
  appKey: string;
  clientId: string;
  clientSecret: string;
}
