export interface AppSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  exposeFullUserDataToOthers: boolean;
  maxProfilesPerAccount: number;
  emailVerificationRequired: boolean;
  phoneVerificationRequired: boolean;
}

export const defaultAppSettings: Readonly<AppSettings> = Object.freeze({
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 2_592_000,
  exposeFullUserDataToOthers: false,
  maxProfilesPerAccount: 5,
  emailVerificationRequired: false,
  phoneVerificationRequired: false,
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
}

/** What `createApp` returns: the only moment the secrets exist in clear. */
export interface CreatedApp {
  appId: string;
  appKey: string;
  clientId: string;
  clientSecret: string;
}
