import Type, { type Static } from 'typebox';

const KiiErrorBody = Type.Object(
  { errorCode: Type.String(), message: Type.String() },
  { additionalProperties: true, description: 'Kii error body; the content type names the exception.' },
);

export const errorResponses = {
  400: KiiErrorBody,
  401: KiiErrorBody,
  403: KiiErrorBody,
  404: KiiErrorBody,
  409: KiiErrorBody,
  503: KiiErrorBody,
} as const;

export const AppParams = Type.Object({ appID: Type.String({ minLength: 1, maxLength: 64 }) });

export const UserParams = Type.Object({
  appID: Type.String({ minLength: 1, maxLength: 64 }),
  userRef: Type.String({
    minLength: 1,
    maxLength: 400,
    description: '`me`, a user id, or LOGIN_NAME:x, EMAIL:x, PHONE:x (GET only)',
  }),
});

const predefined = {
  loginName: Type.Optional(Type.String()),
  displayName: Type.Optional(Type.String()),
  country: Type.Optional(Type.String()),
  locale: Type.Optional(Type.String()),
  emailAddress: Type.Optional(Type.String()),
  phoneNumber: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
};

/** Sign-up and update bodies: the predefined fields, and any other key is a custom field. */
export const UserBody = Type.Object(predefined, {
  additionalProperties: true,
  description: 'Predefined fields; every other key not starting with _ is a custom field.',
});

export const KiiUser = Type.Object(
  {
    userID: Type.String(),
    internalUserID: Type.Optional(Type.Integer()),
    loginName: Type.Optional(Type.String()),
    displayName: Type.Optional(Type.String()),
    country: Type.Optional(Type.String()),
    locale: Type.Optional(Type.String()),
    emailAddress: Type.Optional(Type.String()),
    emailAddressVerified: Type.Optional(Type.Boolean()),
    phoneNumber: Type.Optional(Type.String()),
    phoneNumberVerified: Type.Optional(Type.Boolean()),
    _hasPassword: Type.Optional(Type.Boolean()),
    _disabled: Type.Optional(Type.Boolean()),
    _accessToken: Type.Optional(Type.String()),
  },
  {
    additionalProperties: true,
    description:
      'A user; custom fields appear as further keys. Another user of the app sees only userID, loginName and displayName unless the app exposes full data.',
  },
);

export const TokenRequest = Type.Object(
  {
    grant_type: Type.Optional(
      Type.Union([Type.Literal('password'), Type.Literal('client_credentials'), Type.Literal('refresh_token')]),
    ),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
    password: Type.Optional(Type.String({ maxLength: 200 })),
    expiresAt: Type.Optional(Type.Union([Type.Integer(), Type.String({ pattern: '^[0-9]{1,16}$' })])),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
    client_secret: Type.Optional(Type.String({ maxLength: 200 })),
    refresh_token: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);

export const TokenResponse = Type.Object({
  id: Type.String({ description: 'The user id, or the client id for an admin token' }),
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the access token expires' }),
  refresh_token: Type.Optional(Type.String()),
});

export const PasswordChange = Type.Object({
  oldPassword: Type.Optional(Type.String()),
  newPassword: Type.String(),
});

export const StatusChange = Type.Object({ disabled: Type.Boolean() });

export const UpdateResponse = Type.Object({ modifiedAt: Type.Integer() });

export type KiiUserBody = Static<typeof KiiUser> & Record<string, unknown>;
export type LimitedKiiUserBody = Pick<KiiUserBody, 'userID' | 'loginName' | 'displayName'>;
