import Type, { type Static } from 'typebox';
import { component, type Security, StorageFaultCause } from '../../http/openapi.ts';
import { password, userFields } from '../fields.ts';
import { kiiErrorMediaTypes } from './errors.ts';

const KiiError = component(
  'KiiError',
  Type.Object(
    {
      errorCode: Type.String({ description: 'USER_NOT_FOUND, WRONG_TOKEN, invalid_grant…' }),
      message: Type.String(),
      error: Type.Optional(Type.String({ description: 'OAuth errors (token endpoints): the OAuth error code' })),
      error_description: Type.Optional(Type.String({ description: 'OAuth errors: what went wrong' })),
      field: Type.Optional(Type.String({ description: 'UserNotFound, AddressAlreadyInUse: the identifier looked up' })),
      value: Type.Optional(Type.String()),
      appID: Type.Optional(Type.String()),
      authenticatedAppID: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
      authenticatedPrincipalID: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
      invalidFields: Type.Optional(
        Type.Record(Type.String(), Type.String(), { description: 'InvalidInput: the message of each refused field' }),
      ),
      cause: Type.Optional(StorageFaultCause),
    },
    {
      additionalProperties: true,
      description: "Kii's error body; the content type names the exception (`application/vnd.kii.<name>+json`).",
      examples: [{ errorCode: 'WRONG_TOKEN', message: 'The access token is unknown or expired' }],
    },
  ),
  { mediaTypes: kiiErrorMediaTypes },
);

export const errorResponses = {
  400: KiiError,
  401: KiiError,
  403: KiiError,
  404: KiiError,
  409: KiiError,
  429: KiiError,
  503: KiiError,
} as const;

/** The app's id and key (headers or Basic), or a token. */
export const appOrUser: Security = [{ kiiAppId: [], kiiAppKey: [] }, { kiiAppBasic: [] }, { kiiToken: [] }];
/** The token endpoints: the app's credentials for a log-in or refresh; client credentials may come in the body. */
export const tokenSecurity: Security = [{ kiiAppId: [], kiiAppKey: [] }, { kiiAppBasic: [] }, {}];
export const userOnly: Security = [{ kiiToken: [] }];

export const AppParams = Type.Object({ appID: Type.String({ minLength: 1, maxLength: 64 }) });

/** A user to read: `me`, an id, or one of its identifiers. */
export const UserParams = Type.Object({
  appID: Type.String({ minLength: 1, maxLength: 64 }),
  userRef: Type.String({
    minLength: 1,
    maxLength: 400,
    description: '`me`, a user id, or LOGIN_NAME:x, EMAIL:x, PHONE:x',
  }),
});

/** A user to change: `me` or its id (changes never name a user by an identifier). */
export const TargetParams = Type.Object({
  appID: UserParams.properties.appID,
  userRef: Type.String({
    pattern: '^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
    description: '`me` or a user id',
  }),
});

const predefined = {
  loginName: Type.Optional(userFields.loginName),
  displayName: Type.Optional(userFields.displayName),
  country: Type.Optional(userFields.country),
  locale: Type.Optional(userFields.locale),
  emailAddress: Type.Optional(userFields.emailAddress),
  phoneNumber: Type.Optional(userFields.phoneNumber),
};
const customFields = {
  additionalProperties: true,
  description:
    'Predefined fields; every other key not starting with _ is a custom field (all of them together at most 63 KB as JSON).',
} as const;

/** An update: the predefined fields, a password for a user who has none, and any other key is a custom field. */
export const UserBody = component(
  'KiiUserFields',
  Type.Object(
    {
      ...predefined,
      password: Type.Optional(password('Only for a user without a password (a pseudo user), with an identifier')),
    },
    { ...customFields, examples: [{ displayName: 'Alice', favouriteColour: 'teal' }] },
  ),
);

/** A sign-up: a password and at least one identifier. */
export const RegistrationBody = component(
  'KiiRegistration',
  Type.Object(
    {
      ...predefined,
      password: password("4 to 50 printable ASCII characters; the app's passwordMinLength may ask more"),
    },
    {
      ...customFields,
      required: ['password'],
      anyOf: [{ required: ['loginName'] }, { required: ['emailAddress'] }, { required: ['phoneNumber'] }],
      examples: [{ loginName: 'alice', password: 'correct-horse-1', displayName: 'Alice', favouriteColour: 'teal' }],
    },
  ),
);

/** A pseudo user's sign-up: no identifier and no password, only display data and custom fields. */
export const PseudoRegistrationBody = component(
  'KiiPseudoRegistration',
  Type.Object(
    {
      displayName: predefined.displayName,
      country: predefined.country,
      locale: predefined.locale,
    },
    {
      ...customFields,
      not: {
        anyOf: ['password', 'loginName', 'emailAddress', 'phoneNumber'].map((key) => ({ required: [key] })),
      },
      description: `${customFields.description} A pseudo user has no identifier and no password.`,
      examples: [{ displayName: 'Guest', favouriteColour: 'teal' }],
    },
  ),
);

export const KiiUser = component(
  'KiiUser',
  Type.Object(
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
      _accessToken: Type.Optional(Type.String({ description: 'A pseudo user sign-up: its access token' })),
    },
    {
      additionalProperties: true,
      description:
        'A user; custom fields appear as further keys. Another user of the app sees only userID, loginName and displayName unless the app exposes full data.',
      examples: [
        {
          userID: '0198c2a4-5b7e-7c3d-9f1a-2b3c4d5e6f70',
          internalUserID: 42,
          loginName: 'alice',
          displayName: 'Alice',
          _hasPassword: true,
          _disabled: false,
          favouriteColour: 'teal',
        },
      ],
    },
  ),
);

const tokenFields = {
  username: Type.String({ minLength: 1, maxLength: 400 }),
  password: Type.String({ maxLength: 200 }),
  expiresAt: Type.Union([Type.Integer(), Type.String({ pattern: '^[0-9]{1,16}$' })], {
    description: 'Epoch milliseconds, in the future: the access token expires then, if that is sooner',
  }),
  client_id: Type.String({ minLength: 1, maxLength: 200 }),
  client_secret: Type.String({ maxLength: 200 }),
  refresh_token: Type.String({ minLength: 1, maxLength: 200 }),
};
const without = (...keys: string[]) => ({ not: { anyOf: keys.map((key) => ({ required: [key] })) } });
/** The grant a body asks for: its `grant_type`, else client credentials if `client_id` is given, else a refresh. */
const grant = (name: string, inferredWhen: object) => ({
  anyOf: [{ required: ['grant_type'], properties: { grant_type: { const: name } } }, { ...inferredWhen }],
});
const tokenGrant = (name: string, required: string[], inferredWhen: object, description: string, more: object[] = []) =>
  Type.Object(
    { grant_type: Type.Optional(Type.Literal(name)), ...tokenFields },
    { additionalProperties: true, required, allOf: [grant(name, inferredWhen), ...more], description },
  );

export const TokenRequest = component(
  'KiiTokenRequest',
  Type.Unsafe<{
    grant_type?: 'password' | 'client_credentials' | 'refresh_token';
    username?: string;
    password?: string;
    expiresAt?: number | string;
    client_id?: string;
    client_secret?: string;
    refresh_token?: string;
  }>({
    oneOf: [
      tokenGrant(
        'password',
        ['username', 'password'],
        without('grant_type', 'client_id', 'refresh_token'),
        'A log-in (the default grant)',
      ),
      tokenGrant(
        'refresh_token',
        ['refresh_token'],
        { required: ['refresh_token'], ...without('grant_type', 'client_id') },
        'A refresh (the grant when refresh_token is given without client_id)',
      ),
      tokenGrant(
        'client_credentials',
        [],
        { required: ['client_id'], ...without('grant_type') },
        'App-admin client credentials (the grant when client_id is given): client_id and client_secret in the body, or as HTTP Basic',
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
        [{ if: { required: ['client_id'] }, then: { required: ['client_secret'] } }],
      ),
    ],
    description:
      'A log-in (`username`, `password`), a refresh (`refresh_token`) or app-admin client credentials (`client_id` with `client_secret`, or HTTP Basic); `grant_type` defaults from the fields given. JSON or form-encoded.',
    examples: [{ grant_type: 'password', username: 'alice', password: 'correct-horse-1' }],
  }),
);

export const TokenResponse = component(
  'KiiTokenResponse',
  Type.Object(
    {
      id: Type.String({ description: 'The user id, or the client id for an admin token' }),
      access_token: Type.String(),
      token_type: Type.Literal('Bearer'),
      expires_in: Type.Integer({ description: 'Seconds until the access token expires' }),
      refresh_token: Type.Optional(Type.String()),
    },
    {
      examples: [
        {
          id: '0198c2a4-5b7e-7c3d-9f1a-2b3c4d5e6f70',
          access_token: 'my-app.kT3y0bq2V9x4N7mW1cR8sL6dH5fJ0gA2',
          token_type: 'Bearer',
          expires_in: 3600,
          refresh_token: 'my-app.Zp8uQ4rT6yW2eR9tY1uI3oP5aS7dF0gH',
        },
      ],
    },
  ),
);

export const PasswordChange = component(
  'KiiPasswordChange',
  Type.Object(
    {
      oldPassword: Type.Optional(Type.String({ maxLength: 200, description: "Required unless the app's admin calls" })),
      newPassword: password("4 to 50 printable ASCII characters; the app's passwordMinLength may ask more"),
    },
    { examples: [{ oldPassword: 'correct-horse-1', newPassword: 'battery-staple-2' }] },
  ),
);

export const StatusChange = component(
  'KiiStatusChange',
  Type.Object({ disabled: Type.Boolean() }, { examples: [{ disabled: true }] }),
);

export const UpdateResponse = component(
  'KiiUserUpdated',
  Type.Object(
    { modifiedAt: Type.Integer({ description: 'Epoch milliseconds' }) },
    { examples: [{ modifiedAt: 1767225600000 }] },
  ),
);

export type KiiUserBody = Static<typeof KiiUser> & Record<string, unknown>;
export type LimitedKiiUserBody = Pick<KiiUserBody, 'userID' | 'loginName' | 'displayName'>;

/** The path of a reset: the user by `EMAIL:x`, `PHONE:x`, `LOGIN_NAME:x` or id, as the SDK sends it. */
export const ResetParams = Type.Object({
  appID: Type.String({ minLength: 1, maxLength: 64 }),
  userRef: Type.String({
    minLength: 1,
    maxLength: 400,
    description: 'EMAIL:x, PHONE:x, LOGIN_NAME:x, or a user id (a bare email, phone number or login name too)',
  }),
});

export const ResetRequest = component(
  'KiiResetPasswordRequest',
  Type.Object(
    {
      notificationMethod: Type.Optional(
        Type.Union([Type.Literal('EMAIL'), Type.Literal('SMS')], {
          description: 'Where the reset goes (default EMAIL): a link by email, a link or a PIN by SMS',
        }),
      ),
      smsResetMethod: Type.Optional(Type.Literal('PIN', { description: 'With SMS: a PIN instead of a link' })),
    },
    {
      additionalProperties: false,
      description: 'Omitted entirely (the older `KiiUser.resetPassword`), a link by email.',
      examples: [{ notificationMethod: 'SMS', smsResetMethod: 'PIN' }],
    },
  ),
);

export const CompleteResetRequest = component(
  'KiiCompletePasswordResetRequest',
  Type.Object(
    {
      pinCode: Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'The PIN sent by SMS, or the token of a reset link',
      }),
      newPassword: Type.Optional(
        Type.String({ maxLength: 200, description: 'Without it, a generated password is sent the way the code came' }),
      ),
    },
    { additionalProperties: false, examples: [{ pinCode: '482913', newPassword: 'battery-staple-2' }] },
  ),
);

export const AddressVerificationRequest = component(
  'KiiAddressVerificationRequest',
  Type.Object(
    { verificationCode: Type.String({ minLength: 1, maxLength: 200, description: 'The code sent to the address' }) },
    { additionalProperties: false, examples: [{ verificationCode: '482913' }] },
  ),
);
