import Type from 'typebox';
import { messageKinds, messageStatuses } from '../../core/messaging/messaging.types.ts';
import { maxListLength } from '../../core/movies/movies.service.ts';
import { attributePattern } from '../../core/preferences/preferences.service.ts';
import { component, type Security } from '../../http/openapi.ts';
import { withDefault } from '../../http/validation.ts';
import {
  auditAction,
  catalogueId,
  cursor,
  iconAspect,
  preferenceCategory,
  ratingCode,
  ratingsBodyId,
  text,
  userFields,
  uuid,
  webUrl,
  zonedDateTime,
} from '../fields.ts';
import { adminProblems } from './errors.ts';

/** Every admin call takes an app-admin token. */
export const adminSecurity: Security = [{ adminToken: [] }];

export const problemResponses = adminProblems.responses;

export const Settings = component(
  'AppSettings',
  Type.Object({
    accessTokenTtlSeconds: Type.Integer(),
    refreshTokenTtlSeconds: Type.Integer(),
    exposeFullUserDataToOthers: Type.Boolean(),
    maxProfilesPerAccount: Type.Integer(),
    emailVerificationRequired: Type.Boolean(),
    phoneVerificationRequired: Type.Boolean(),
    passwordMinLength: Type.Integer(),
    logInDelayAfterFailures: Type.Integer(),
    logInLockAfterFailures: Type.Integer(),
    logInLockSeconds: Type.Integer(),
    logInFailureMemorySeconds: Type.Integer(),
    accountLockAfterFailures: Type.Integer(),
    addressLockAfterFailures: Type.Integer(),
    rateLimitWindowSeconds: Type.Integer(),
    signUpsPerAddress: Type.Integer(),
    logInsPerAddress: Type.Integer(),
    anonymousCallsPerApp: Type.Integer(),
    recoveryLinkTtlSeconds: Type.Integer(),
    recoveryPinTtlSeconds: Type.Integer(),
    recoveryCodeAttempts: Type.Integer(),
    recoveryRequestsPerAddress: Type.Integer(),
    recoveryRequestsPerIdentifier: Type.Integer(),
  }),
);

export const AppBody = component('App', Type.Object({ appId: Type.String(), name: Type.String(), settings: Settings }));

export const SettingsPatch = component(
  'AppSettingsChange',
  Type.Object(
    {
      settings: Type.Object(
        {
          accessTokenTtlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 31_536_000 })),
          refreshTokenTtlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 315_360_000 })),
          exposeFullUserDataToOthers: Type.Optional(Type.Boolean()),
          maxProfilesPerAccount: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          emailVerificationRequired: Type.Optional(Type.Boolean()),
          phoneVerificationRequired: Type.Optional(Type.Boolean()),
          passwordMinLength: Type.Optional(Type.Integer({ minimum: 4, maximum: 50 })),
          logInDelayAfterFailures: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          logInLockAfterFailures: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          logInLockSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 604_800 })),
          logInFailureMemorySeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 2_592_000 })),
          accountLockAfterFailures: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          addressLockAfterFailures: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          rateLimitWindowSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
          signUpsPerAddress: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          logInsPerAddress: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          anonymousCallsPerApp: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
          recoveryLinkTtlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 604_800 })),
          recoveryPinTtlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 86_400 })),
          recoveryCodeAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
          recoveryRequestsPerAddress: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          recoveryRequestsPerIdentifier: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AdminUser = component(
  'AdminUser',
  Type.Object({
    id: Type.String(),
    internalId: Type.Integer(),
    loginName: Nullable(Type.String()),
    emailAddress: Nullable(Type.String()),
    emailVerified: Type.Boolean(),
    phoneNumber: Nullable(Type.String()),
    phoneVerified: Type.Boolean(),
    displayName: Nullable(Type.String()),
    country: Nullable(Type.String()),
    locale: Nullable(Type.String()),
    customFields: Type.Object({}, { additionalProperties: true }),
    hasPassword: Type.Boolean(),
    disabled: Type.Boolean(),
    handle: Nullable(Type.String()),
    biography: Nullable(Type.String()),
    dateOfBirth: Nullable(Type.String({ format: 'date', description: 'YYYY-MM-DD' })),
    avatarUrl: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    modifiedAt: Type.String({ format: 'date-time' }),
  }),
);

export const UserPage = component(
  'AdminUserPage',
  Type.Object({ items: Type.Array(AdminUser), nextCursor: Nullable(Type.String()) }),
);

export const UserListQuery = Type.Object({
  query: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
  cursor: Type.Optional(cursor),
  limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const UserIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const StatusBody = component(
  'AdminUserStatus',
  Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }),
);

export const RevokeResponse = component('RevokedTokens', Type.Object({ revoked: Type.Integer() }));

export const ExportDocument = component(
  'UserExport',
  Type.Object({
    exportedAt: Type.String({ format: 'date-time' }),
    user: AdminUser,
    tokens: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        profileId: Nullable(Type.String()),
        createdAt: Type.String({ format: 'date-time' }),
        expiresAt: Type.String({ format: 'date-time' }),
      }),
    ),
    preferences: Type.Array(
      Type.Object({ id: Type.String(), category: Type.String(), label: Type.String(), value: Type.Boolean() }),
    ),
    studentInformation: Type.Array(
      Type.Object({
        year: Type.Integer(),
        id: Type.String(),
        schoolId: Type.String(),
        schoolName: Type.String(),
        studyLevel: Type.String(),
        studyLevelName: Type.String(),
        academicYear: Type.String(),
        lastYear: Type.Boolean(),
        modifiedAt: Type.String({ format: 'date-time' }),
      }),
    ),
    memberships: Type.Array(
      Type.Object({ containerId: Type.String(), joinedAt: Type.String({ format: 'date-time' }) }),
      { description: 'The containers the user is a member of' },
    ),
    referrerId: Nullable(Type.String({ description: 'Who referred the user' })),
    profiles: Type.Array(
      Type.Object({
        id: Type.String(),
        default: Type.Boolean(),
        name: Type.String(),
        childProfile: Type.Boolean(),
        ratingsThresholds: Type.Array(Type.Object({ ratingsBody: Type.String(), ratingsThreshold: Type.String() })),
        createdAt: Type.String({ format: 'date-time' }),
      }),
    ),
    history: Type.Array(
      Type.Object({
        movieId: Type.String(),
        title: Type.String(),
        watchedAt: Type.String({ format: 'date-time' }),
        technology: Nullable(Type.String()),
        version: Nullable(Type.String()),
      }),
    ),
  }),
);

export const PreferenceOptionBody = component(
  'PreferenceOption',
  Type.Object({
    id: Type.String(),
    category: Type.String(),
    label: Type.String(),
    attribute: Nullable(Type.String()),
    position: Type.Integer(),
    modifiedAt: Type.String({ format: 'date-time' }),
  }),
);

export const PreferenceOptionsUpsert = component(
  'PreferenceOptionsUpsert',
  Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            id: Type.Optional(uuid()),
            category: preferenceCategory,
            label: text(200, { description: 'Unique in its category, whatever the case' }),
            attribute: Type.Optional(
              Nullable(
                Type.String({
                  maxLength: 200,
                  pattern: attributePattern.source,
                  description: 'kind:value, the kind a movie attribute (genre:Horror)',
                }),
              ),
            ),
            position: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 5000 },
      ),
    },
    { additionalProperties: false },
  ),
);

export const PreferenceOptionPage = component(
  'PreferenceOptionPage',
  Type.Object({
    items: Type.Array(PreferenceOptionBody),
    nextCursor: Nullable(Type.String()),
  }),
);

export const PreferenceOptionListQuery = Type.Object({
  category: Type.Optional(preferenceCategory),
  cursor: Type.Optional(cursor),
  limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const NamedOptionBody = component(
  'CatalogueOption',
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    modifiedAt: Type.String({ format: 'date-time' }),
  }),
);

export const NamedOptionsUpsert = component(
  'CatalogueOptionsUpsert',
  Type.Object(
    {
      items: Type.Array(
        Type.Object({ id: Type.Optional(catalogueId()), name: text(300) }, { additionalProperties: false }),
        { maxItems: 10_000 },
      ),
    },
    { additionalProperties: false },
  ),
);

export const NamedOptionPage = component(
  'CatalogueOptionPage',
  Type.Object({ items: Type.Array(NamedOptionBody), nextCursor: Nullable(Type.String()) }),
);

export const CatalogueListQuery = Type.Object({
  cursor: Type.Optional(cursor),
  limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const CatalogueItemParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const CountBody = component('UpsertCount', Type.Object({ count: Type.Integer() }));

export const JobIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const JobBody = component(
  'Job',
  Type.Object({
    id: Type.String(),
    kind: Type.String(),
    status: Type.Union([
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('succeeded'),
      Type.Literal('failed'),
    ]),
    attempts: Type.Integer(),
    maxAttempts: Type.Integer(),
    progress: Type.Unknown({ description: 'What the job last reported, as the job defines it' }),
    result: Type.Unknown({ description: 'What the job returned, once it succeeded' }),
    lastError: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    finishedAt: Nullable(Type.String({ format: 'date-time' })),
  }),
);

export const JobPage = component(
  'JobPage',
  Type.Object({ items: Type.Array(JobBody), nextCursor: Nullable(Type.String()) }),
);

export const JobListQuery = Type.Object({
  cursor: Type.Optional(cursor),
  limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const ImportStarted = component(
  'ImportStarted',
  Type.Object({
    jobId: Type.String({ description: 'The import job: follow its `progress` at `GET /admin/v1/jobs/{id}`' }),
  }),
);

export const RotatedAppKey = component('RotatedAppKey', Type.Object({ appKey: Type.String() }));

export const CredentialStateBody = component(
  'CredentialState',
  Type.Object({
    scope: Type.Union([Type.Literal('account'), Type.Literal('pair')], {
      description: '`account`: every address together (the account lock); `pair`: one address',
    }),
    address: Nullable(Type.String()),
    failures: Type.Integer(),
    lastFailureAt: Nullable(Type.String({ format: 'date-time' })),
    lockedUntil: Nullable(Type.String({ format: 'date-time', description: 'Set while a lock holds' })),
    lastSuccessAt: Nullable(Type.String({ format: 'date-time' })),
  }),
);

export const CredentialStates = component('CredentialStates', Type.Object({ items: Type.Array(CredentialStateBody) }));

export const LocksLifted = component(
  'LocksLifted',
  Type.Object({ lifted: Type.Integer({ description: 'How many locks held' }) }),
);

export const UserPinState = component(
  'UserPinState',
  Type.Object({
    status: Type.Union([Type.Literal('UNSET'), Type.Literal('SET'), Type.Literal('LOCKED')]),
    failedAttempts: Type.Integer({ minimum: 0, description: 'Wrong PINs in a row since the last right one' }),
    lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When the lock ends; null when PIN checks are not locked',
    }),
  }),
);

export const PinLockLifted = component(
  'PinLockLifted',
  Type.Object({ lifted: Type.Boolean({ description: 'Whether a lock held' }) }),
);

export const ActivityQuery = Type.Object({
  days: withDefault(Type.Integer({ minimum: 1, maximum: 90, default: 30 })),
});

export const Activity = component(
  'Activity',
  Type.Object({
    items: Type.Array(
      Type.Object({
        day: Type.String({ format: 'date', description: 'A UTC day' }),
        signUps: Type.Integer(),
        activeUsers: Type.Integer({ description: 'Users who got a token that day, among the tokens still stored' }),
      }),
    ),
  }),
);

export const RatingsBodyBody = component(
  'RatingsBody',
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    ratings: Type.Array(Type.String(), { description: 'mildest first' }),
    modifiedAt: Type.String({ format: 'date-time' }),
  }),
);

export const RatingsBodiesUpsert = component(
  'RatingsBodiesUpsert',
  Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            id: ratingsBodyId(),
            name: text(200),
            ratings: Type.Array(ratingCode(), {
              minItems: 1,
              maxItems: 50,
              uniqueItems: true,
              description: 'mildest first',
            }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    },
    { additionalProperties: false },
  ),
);

export const RatingsBodyPage = component(
  'RatingsBodyPage',
  Type.Object({ items: Type.Array(RatingsBodyBody), nextCursor: Nullable(Type.String()) }),
);

const movieLists = {
  genres: Type.Array(Type.String()),
  actors: Type.Array(Type.String()),
  directors: Type.Array(Type.String()),
  countries: Type.Array(Type.String()),
  technologies: Type.Array(Type.String()),
  versions: Type.Array(Type.String()),
  awards: Type.Array(Type.String()),
};

export const MovieBody = component(
  'Movie',
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    year: Type.Integer(),
    ...movieLists,
    basedOn: Nullable(Type.String()),
    ratings: Type.Record(Type.String(), Type.String()),
    posterUrl: Nullable(Type.String()),
    modifiedAt: Type.String({ format: 'date-time' }),
  }),
);

const InputList = Type.Optional(Type.Array(text(200), { maxItems: maxListLength }));

export const MoviesUpsert = component(
  'MoviesUpsert',
  Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            id: uuid(),
            title: text(300),
            year: Type.Integer({ minimum: 1870, maximum: 2100 }),
            genres: InputList,
            actors: InputList,
            directors: InputList,
            countries: InputList,
            technologies: InputList,
            versions: InputList,
            awards: InputList,
            basedOn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            ratings: Type.Optional(
              Type.Record(ratingsBodyId(), ratingCode(), {
                description: 'A rating of each ratings body (of the app) that rated the movie',
              }),
            ),
            posterUrl: Type.Optional(Nullable(webUrl())),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10_000 },
      ),
    },
    { additionalProperties: false },
  ),
);

export const MoviePage = component(
  'MoviePage',
  Type.Object({ items: Type.Array(MovieBody), nextCursor: Nullable(Type.String()) }),
);

export const HistoryIngest = component(
  'HistoryIngest',
  Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            userId: uuid({ description: 'A user of the app' }),
            movieId: uuid({ description: 'A movie of the app' }),
            watchedAt: { ...zonedDateTime, description: 'ISO 8601 with a zone' },
            technology: Type.Optional(Nullable(text(64))),
            version: Type.Optional(Nullable(text(64))),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100_000 },
      ),
    },
    { additionalProperties: false },
  ),
);

export const IngestBody = component(
  'HistoryIngestResult',
  Type.Object({
    count: Type.Integer({ description: 'items received' }),
    stored: Type.Integer({ description: 'viewings that were new (the rest were stored already)' }),
  }),
);

export const IconBody = component(
  'Icon',
  Type.Object({
    id: Type.String({ description: 'the resource id a profile names as iconName' }),
    uri: Type.String(),
    aspect: Type.String(),
    imageId: Type.String(),
    modifiedAt: Type.String({ format: 'date-time' }),
  }),
);

export const IconsUpsert = component(
  'IconsUpsert',
  Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            id: catalogueId(),
            uri: webUrl(),
            aspect: Type.Optional(iconAspect),
            imageId: Type.Optional(catalogueId()),
          },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    },
    { additionalProperties: false },
  ),
);

export const IconPage = component(
  'IconPage',
  Type.Object({ items: Type.Array(IconBody), nextCursor: Nullable(Type.String()) }),
);

export const RotatedSecret = component(
  'RotatedSecret',
  Type.Object({ clientId: Type.String(), clientSecret: Type.String() }),
);

export const UserPatchBody = component(
  'AdminUserChange',
  Type.Object(
    {
      loginName: Type.Optional(userFields.loginName),
      emailAddress: Type.Optional(userFields.emailAddress),
      phoneNumber: Type.Optional(userFields.phoneNumber),
      displayName: Type.Optional(userFields.displayName),
      country: Type.Optional(userFields.country),
      locale: Type.Optional(userFields.locale),
      customFields: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'replaces them all' })),
      emailVerified: Type.Optional(Type.Boolean()),
      phoneVerified: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
);

export const AuditEventBody = component(
  'AuditEvent',
  Type.Object(
    {
      id: Type.String({ description: 'UUIDv7: ordered by time' }),
      occurredAt: Type.String({ format: 'date-time' }),
      actor: Type.Object({
        kind: Type.Union([
          Type.Literal('admin'),
          Type.Literal('user'),
          Type.Literal('operator'),
          Type.Literal('system'),
        ]),
        id: Nullable(Type.String({ description: "The admin's client id or the user's id" })),
        address: Nullable(Type.String({ description: 'The client address, when the call came over HTTP' })),
      }),
      action: Type.String({ description: 'One of the actions listed in docs/faces/admin.md' }),
      userId: Nullable(Type.String()),
      details: Type.Record(Type.String(), Type.Unknown(), { description: 'What was done; never a secret' }),
    },
    {
      examples: [
        {
          id: '019ad5e2-7c41-7a35-9b0e-4f8d2c1a6b3e',
          occurredAt: '2026-11-30T16:20:00.000Z',
          actor: { kind: 'admin', id: '5f0c8e7d9a1b2c3d4e5f60718293a4b5', address: '198.51.100.7' },
          action: 'user.disabled',
          userId: '019ad5e1-0b22-7c4d-8e6f-1a2b3c4d5e6f',
          details: {},
        },
      ],
    },
  ),
);

export const AuditPage = component(
  'AuditPage',
  Type.Object({ items: Type.Array(AuditEventBody), nextCursor: Nullable(Type.String()) }),
);

export const AuditQuery = Type.Object(
  {
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    action: Type.Optional(auditAction),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(cursor),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const TrainingStarted = component(
  'RecommenderTrainingStarted',
  Type.Object({
    jobId: Type.String({ description: 'The training job: follow it at `GET /admin/v1/jobs/{id}`' }),
  }),
);

const RankingFigures = Type.Object({
  ndcgAt10: Type.Number(),
  recallAt20: Type.Number(),
  recallAt50: Type.Number(),
});

export const RecommendationModelBody = component(
  'RecommendationModel',
  Type.Object({
    version: Type.Integer({ description: "The model's version in the app (every instance serves the newest)" }),
    trainedAt: Type.String({ format: 'date-time' }),
    algorithm: Type.Union([Type.Literal('ease'), Type.Literal('neighbourhood-ease'), Type.Literal('popularity')], {
      description:
        '`ease`: exact EASE (a dense inverse); `neighbourhood-ease`: EASE fitted per item on its nearest items, for large catalogues; `popularity`: no history to learn from yet',
    }),
    parameters: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]), {
      description: 'The settings it was trained with (λ, dropout, weights kept per item…)',
    }),
    items: Type.Integer({ description: 'Movies with viewings, which the model knows' }),
    users: Type.Integer(),
    interactions: Type.Integer({ description: 'Distinct (user, movie) pairs learned from' }),
    entries: Type.Integer({ description: 'Weights stored' }),
    sizeBytes: Type.Integer({ description: 'Bytes of the stored model' }),
    trainingMs: Type.Integer(),
    evaluationMs: Type.Integer(),
    metrics: Nullable(
      Type.Object(
        {
          protocol: Type.String(),
          heldOutUsers: Type.Integer(),
          model: RankingFigures,
          popularity: RankingFigures,
        },
        { description: 'The offline evaluation run with this training; null when the app had too few users' },
      ),
    ),
  }),
);

const messageKindSchema = Type.Enum(messageKinds, {
  description: 'The kind of message (its channel follows: *_email and email_verification by email, the rest by SMS)',
});
const messageStatusSchema = Type.Enum(messageStatuses, {
  description: 'queued (waiting for delivery), sent, failed, held (no transport: the embedded outbox)',
});

export const TemplateParams = Type.Object({
  kind: messageKindSchema,
  locale: Type.String({
    pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$',
    description: 'A language tag: en, fr, pt-BR (stored in lower case)',
  }),
});

export const TemplateInputBody = component(
  'MessageTemplateInput',
  Type.Object(
    {
      subject: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Emails only' })),
      text: Type.String({ minLength: 1, maxLength: 10_000 }),
      html: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000, description: 'Emails only' })),
    },
    {
      additionalProperties: false,
      description:
        'Placeholders: {{link}}, {{code}}, {{password}}, {{appName}}, {{userName}}, {{minutes}} (escaped in HTML). Each body must hold the one its kind needs: {{link}} (resets and email verification), {{code}} (PIN and phone verification) or {{password}} (new password).',
      examples: [
        {
          subject: 'Votre compte {{appName}}',
          text: 'Bonjour {{userName}} : ouvrez {{link}} ou saisissez {{code}} dans les {{minutes}} minutes ({{password}}).',
          html: '<p>Bonjour {{userName}}, <a href="{{link}}">ouvrez ce lien</a> ou saisissez {{code}} ({{password}}).</p>',
        },
      ],
    },
  ),
);

export const MessageTemplateBody = component(
  'MessageTemplate',
  Type.Object({
    kind: messageKindSchema,
    locale: Type.String(),
    subject: Nullable(Type.String()),
    text: Type.String(),
    html: Nullable(Type.String()),
    modifiedAt: Type.String({ format: 'date-time' }),
  }),
);

export const MessageTemplateList = component(
  'MessageTemplateList',
  Type.Object({ items: Type.Array(MessageTemplateBody) }),
);

export const OutboxMessage = component(
  'OutboxMessage',
  Type.Object({
    id: Type.String(),
    userId: Type.String(),
    kind: messageKindSchema,
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
    recipient: Type.String(),
    locale: Type.String(),
    subject: Nullable(Type.String()),
    text: Nullable(Type.String({ description: 'Null once sent or failed for good: the bodies carry codes' })),
    html: Nullable(Type.String()),
    status: messageStatusSchema,
    attempts: Type.Integer(),
    lastError: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    sentAt: Nullable(Type.String({ format: 'date-time' })),
  }),
);

export const OutboxPage = component(
  'OutboxPage',
  Type.Object({ items: Type.Array(OutboxMessage), nextCursor: Nullable(Type.String()) }),
);

export const OutboxQuery = Type.Object(
  {
    status: Type.Optional(messageStatusSchema),
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const SendMessageBody = component(
  'SendMessage',
  Type.Object(
    {
      message: Type.Union(
        [Type.Literal('password_reset'), Type.Literal('email_verification'), Type.Literal('phone_verification')],
        { description: 'A password reset link, or a verification of the email address or phone number' },
      ),
      channel: Type.Optional(
        Type.Union([Type.Literal('email'), Type.Literal('sms')], {
          description: 'A reset only: email (the default when the user has an email address) or sms',
        }),
      ),
    },
    { additionalProperties: false, examples: [{ message: 'password_reset', channel: 'email' }] },
  ),
);

export const SentMessage = component('SentMessage', Type.Object({ messageId: Type.String() }));
