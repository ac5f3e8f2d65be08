import Type from 'typebox';
import { component, type Security, StorageFaultCause } from '../../http/openapi.ts';

const Failure = component(
  'HouseholdError',
  Type.Object(
    {
      status: Type.Integer(),
      code: Type.String({ description: 'The core error code in upper snake case (PROFILE_NOT_FOUND, WRONG_PIN…)' }),
      message: Type.String(),
      cause: Type.Optional(StorageFaultCause),
    },
    {
      description: 'An error of the household profiles face',
      examples: [{ status: 404, code: 'PROFILE_NOT_FOUND', message: 'No such profile' }],
    },
  ),
);

/** A user's access token in any of the three headers NAGRA clients use. */
export const householdSecurity: Security = [
  { householdToken: [] },
  { householdNvAuthorizations: [] },
  { householdBearer: [] },
];

export const failureResponses = {
  400: Failure,
  401: Failure,
  403: Failure,
  404: Failure,
  409: Failure,
  429: Failure,
  503: Failure,
};

/** A string or null as one type list, which the serializer writes directly. */
const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });

const Threshold = Type.Object({
  ratingsBody: Type.String({ minLength: 1, maxLength: 64 }),
  ratingsThreshold: Type.String({ minLength: 1, maxLength: 32 }),
});
const Property = Type.Object({ name: Type.String({ maxLength: 200 }), value: Type.String({ maxLength: 2000 }) });

const profileFields = {
  name: Type.String({ maxLength: 200 }),
  childProfile: Type.Boolean(),
  pinPromptRequired: Type.Boolean(),
  preferredAudioLanguage: Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 16 }),
  preferredSubtitleLanguage: Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 16 }),
  ratingsThresholds: Type.Array(Threshold, { maxItems: 100 }),
  iconName: Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 200 }),
  additionalProperties: Type.Array(Property, { maxItems: 100 }),
};

/** A new profile: `name` required. Keys NAGRA clients send that Persona does not know are ignored. */
export const ProfileCreate = component(
  'ProfileInput',
  Type.Object(
    {
      name: profileFields.name,
      childProfile: Type.Optional(profileFields.childProfile),
      pinPromptRequired: Type.Optional(profileFields.pinPromptRequired),
      preferredAudioLanguage: Type.Optional(profileFields.preferredAudioLanguage),
      preferredSubtitleLanguage: Type.Optional(profileFields.preferredSubtitleLanguage),
      ratingsThresholds: Type.Optional(profileFields.ratingsThresholds),
      iconName: Type.Optional(profileFields.iconName),
      additionalProperties: Type.Optional(profileFields.additionalProperties),
    },
    {
      examples: [
        {
          name: 'Kids',
          childProfile: true,
          ratingsThresholds: [{ ratingsBody: 'MPAA', ratingsThreshold: 'PG' }],
          iconName: 'icon-fox',
        },
      ],
    },
  ),
);

/** A partial update: any subset of the fields. */
export const ProfileUpdate = component(
  'ProfileChange',
  Type.Partial(ProfileCreate, { examples: [{ name: 'Little ones', preferredAudioLanguage: 'fr' }] }),
);

export const Profile = component(
  'Profile',
  Type.Object({
    _id: Type.String(),
    accountId: Type.String(),
    default: Type.Boolean(),
    name: Type.String(),
    childProfile: Type.Boolean(),
    pinPromptRequired: Type.Boolean(),
    preferredAudioLanguage: NullableString,
    preferredSubtitleLanguage: NullableString,
    ratingsThresholds: Type.Array(Type.Object({ ratingsBody: Type.String(), ratingsThreshold: Type.String() })),
    iconName: NullableString,
    additionalProperties: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
  }),
);

export const ProfileList = component(
  'ProfileList',
  Type.Object({ totalRecords: Type.Integer(), resourceSet: Type.Array(Profile) }),
);

export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

export const ProfileParams = Type.Object({ profileId: Type.String({ minLength: 1, maxLength: 64 }) });

export const Created = Type.Object({ _id: Type.String() });
export const Updated = Type.Object({ matchedCount: Type.Integer(), modifiedCount: Type.Integer() });
export const Deleted = Type.Object({ matchedCount: Type.Integer(), deletedCount: Type.Integer() });

export const IconList = Type.Object({
  count: Type.Integer(),
  results: Type.Array(
    Type.Object({ resourceId: Type.String(), aspect: Type.String(), uri: Type.String(), imageId: Type.String() }),
  ),
});

export const ChangeProfileBody = Type.Object({
  newUserProfileId: Type.String({ minLength: 1, maxLength: 64 }),
  pin: Type.Optional(Type.String({ maxLength: 16 })),
});

export const ChangedProfile = Type.Object({
  access_token: Type.String(),
  expires_in: Type.Integer(),
  activeProfileId: Type.String(),
});

export const PinBody = Type.Object({
  pin: Type.String({ maxLength: 16 }),
  currentPin: Type.Optional(Type.String({ maxLength: 16 })),
});

export const PinStatus = component(
  'PinStatus',
  Type.Object({
    status: Type.Union([Type.Literal('UNSET'), Type.Literal('SET'), Type.Literal('LOCKED')]),
    lockTimeRemaining: Type.Integer({ description: 'seconds' }),
  }),
);
