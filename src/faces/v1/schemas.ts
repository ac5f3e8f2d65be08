import Type from 'typebox';
import { profileFields } from '../../core/accounts/accounts.types.ts';
import { component, type Security } from '../../http/openapi.ts';
import { withDefault } from '../../http/validation.ts';

const V1ErrorBody = component(
  'V1Error',
  Type.Object(
    {
      code: Type.Integer({ description: 'The number of the error (docs/faces/v1.md)' }),
      message: Type.String({ description: 'The name of the error: `generic_client_error`, `SESSION_TOKEN_EXPIRED`…' }),
      details: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
          description: 'When the input was refused (400): each field and why',
        }),
      ),
    },
    {
      description: 'An error of the v1 face',
      examples: [
        { code: 10004, message: 'SESSION_TOKEN_EXPIRED' },
        { code: 10002, message: 'generic_client_error', details: [{ field: 'handle', message: 'must be 3 to 30…' }] },
      ],
    },
  ),
);

export const errorResponses = {
  400: V1ErrorBody,
  401: V1ErrorBody,
  403: V1ErrorBody,
  404: V1ErrorBody,
  409: V1ErrorBody,
  429: V1ErrorBody,
  503: V1ErrorBody,
} as const;

/** Registration, log-in and refresh name the app: `x-app-id` and `x-app-key` (Kii's headers also do). */
export const appSecurity: Security = [{ v1AppId: [], v1AppKey: [] }];
/** Every other call: the session token as `Authorization: Bearer`. */
export const sessionSecurity: Security = [{ v1Session: [] }];

/** A string or null as one JSON-schema type list (the serializer writes it directly, without trying branches). */
const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });

// The core's rules, so that what the schema lets through the core takes (docs/faces/v1.md).
const emailPattern = '^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+$';
const loginNamePattern = '^[A-Za-z0-9._-]{3,64}$';
const handlePattern = '^[A-Za-z0-9_]{3,30}$';
const passwordPattern = '^[\\x20-\\x7E]{4,50}$';
const referrerHandle = Type.Optional(
  Type.String({
    pattern: '^([A-Za-z0-9_]{3,30}|[Rr]-[0-9A-Za-z]{8})$',
    description: 'The handle or referral code of the user who referred this one (taken at the first log-in only)',
  }),
);

export const Registration = component(
  'V1Registration',
  Type.Object(
    {
      email: Type.Optional(Type.String({ maxLength: 254, pattern: emailPattern })),
      loginName: Type.Optional(Type.String({ pattern: loginNamePattern })),
      password: Type.String({
        pattern: passwordPattern,
        description: "4 to 50 printable ASCII characters, and at least the app's passwordMinLength (8 by default)",
      }),
      handle: Type.Optional(Type.String({ pattern: handlePattern })),
      referrerHandle,
    },
    { additionalProperties: false, anyOf: [{ required: ['email'] }, { required: ['loginName'] }] },
  ),
);

export const LogIn = component(
  'V1LogIn',
  Type.Object(
    {
      username: Type.String({ minLength: 1, maxLength: 400, description: 'A login name, an email or a phone number' }),
      password: Type.String({ minLength: 1, maxLength: 1000 }),
      referrerHandle,
    },
    { additionalProperties: false },
  ),
);

export const Session = component(
  'V1Session',
  Type.Object({ sessionToken: Type.String(), refreshToken: Type.String(), userId: Type.String() }),
);

export const RefreshRequest = component(
  'V1RefreshSession',
  Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 400 }) }, { additionalProperties: false }),
);

export const RefreshedSession = component('V1RefreshedSession', Type.Object({ sessionToken: Type.String() }));

const fieldName = `(${profileFields.join('|')})`;

export const ProfileQuery = Type.Object({
  fields: Type.Array(
    Type.String({ pattern: `^${fieldName}(,${fieldName})*$`, description: 'A field name, or a comma list of them' }),
    { minItems: 1, maxItems: 50, description: `Repeated or a comma list; of ${profileFields.join(', ')}` },
  ),
});

const DateOfBirth = component(
  'V1DateOfBirth',
  Type.Object(
    {
      year: Type.Integer({ minimum: 1900, maximum: 9999 }),
      month: Type.Integer({ minimum: 1, maximum: 12 }),
      day: Type.Integer({ minimum: 1, maximum: 31 }),
    },
    { additionalProperties: false, description: 'A real date before today' },
  ),
);

export const Profile = component(
  'V1Profile',
  Type.Object(
    {
      id: Type.Optional(Type.String()),
      displayName: Type.Optional(NullableString),
      handle: Type.Optional(NullableString),
      biography: Type.Optional(NullableString),
      dateOfBirth: Type.Optional(Type.Union([DateOfBirth, Type.Null()])),
      email: Type.Optional(NullableString),
      locale: Type.Optional(NullableString),
      country: Type.Optional(NullableString),
      avatarUrl: Type.Optional(NullableString),
      createdAt: Type.Optional(Type.String({ format: 'date-time' })),
      referralCode: Type.Optional(Type.String()),
    },
    { description: 'The own profile: exactly the fields asked for (all of them after a change)' },
  ),
);

export const ProfileChange = component(
  'V1ProfileChange',
  Type.Object(
    {
      displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
      handle: Type.Optional(
        Type.String({ pattern: handlePattern, description: 'Unique in the app whatever its case (409 when taken)' }),
      ),
      biography: Type.Optional(Type.String({ maxLength: 500 })),
      dateOfBirth: Type.Optional(DateOfBirth),
      avatarUrl: Type.Optional(
        Type.Union([Type.String({ maxLength: 2000, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' }), Type.Null()], {
          description: 'An http(s) address; null removes it',
        }),
      ),
    },
    { additionalProperties: false },
  ),
);

export const ContainerParams = Type.Object({
  containerId: Type.String({ minLength: 1, maxLength: 64, description: 'The container’s id or slug' }),
});

export const Membership = component(
  'V1Membership',
  Type.Object({
    containerId: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    joinedAt: Type.String({ format: 'date-time' }),
  }),
);

export const PublicProfileParams = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64, description: 'A handle or a user id' }),
});

export const ContainerQuery = Type.Object({
  containerId: Type.String({ minLength: 1, maxLength: 64, description: 'A container’s id or slug' }),
});

export const PublicProfile = component(
  'V1PublicProfile',
  Type.Object(
    {
      id: Type.String(),
      handle: NullableString,
      displayName: NullableString,
      biography: NullableString,
      avatarUrl: NullableString,
      memberSince: Type.String({ format: 'date-time', description: 'When the user joined the container' }),
    },
    { description: 'What any user of the app sees of a member of a container' },
  ),
);

export const PageQuery = Type.Object({
  page: withDefault(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const ReferralPage = component(
  'V1ReferralPage',
  Type.Object({
    items: Type.Array(
      Type.Object({
        userId: Type.String(),
        handle: NullableString,
        displayName: NullableString,
        joinedAt: Type.String({ format: 'date-time' }),
      }),
    ),
    total: Type.Integer(),
    page: Type.Integer(),
    limit: Type.Integer(),
  }),
);

export const NotificationListQuery = Type.Object({
  containerId: Type.String({ minLength: 1, maxLength: 64, description: 'A container’s id or slug' }),
  page: withDefault(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const NotificationBody = component(
  'V1Notification',
  Type.Object({
    id: Type.String(),
    type: Type.String(),
    title: Type.String(),
    body: Type.String(),
    data: Type.Object({}, { additionalProperties: true }),
    containerId: Type.Unsafe<string | null>({
      type: ['string', 'null'],
      description: 'The container it belongs to; null: app-wide (in every container’s list)',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    readAt: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' }),
  }),
);

export const NotificationPage = component(
  'V1NotificationPage',
  Type.Object({
    items: Type.Array(NotificationBody),
    total: Type.Integer(),
    unread: Type.Integer(),
    page: Type.Integer(),
    limit: Type.Integer(),
  }),
);

export const MarkRead = component(
  'V1MarkRead',
  Type.Object(
    {
      ids: Type.Optional(
        Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
          minItems: 1,
          maxItems: 1000,
          description: 'These (ids that are not the caller’s are ignored)',
        }),
      ),
      containerId: Type.Optional(
        Type.String({ minLength: 1, maxLength: 64, description: 'All of this container (and the app-wide ones)' }),
      ),
    },
    { additionalProperties: false, description: 'Neither: every notification of the caller' },
  ),
);

const eventIdPattern = '^[0-9]{1,15}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

export const StreamQuery = Type.Object({
  containerId: Type.String({ minLength: 1, maxLength: 64, description: 'A container’s id or slug' }),
  lastEventId: Type.Optional(
    Type.String({
      pattern: eventIdPattern,
      description: 'As the `Last-Event-ID` header, for clients that cannot set it',
    }),
  ),
});

export const StreamHeaders = Type.Object({
  'last-event-id': Type.Optional(
    Type.String({
      pattern: eventIdPattern,
      description: 'The id of the last event received: the stream resumes after it',
    }),
  ),
});

export const EventStream = Type.String({
  description:
    'Server-Sent Events: each new notification as `id: <seq>-<id>` and `data: <the notification as JSON>` (the list’s ' +
    'item shape); `: heartbeat` comment lines; `event: end` with `{reason}` when the server ends the stream ' +
    '(`revoked`, `expired`, `shutdown`, `replaced`)',
});
