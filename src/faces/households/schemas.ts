import Type from 'typebox';
import { maxAdditionalProperties, maxThresholds } from '../../core/households/households.service.ts';
import { catalogueIdPattern } from '../../core/text.ts';
import { component, type Security, StorageFaultCause } from '../../http/openapi.ts';
import { language, pin, ratingCode, ratingsBodyId, text } from '../fields.ts';

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
  ratingsBody: ratingsBodyId({ description: 'A ratings body of the app' }),
  ratingsThreshold: ratingCode({ description: 'One of its ratings' }),
});
const Property = Type.Object({ name: text(64), value: Type.String({ maxLength: 1024 }) });

const profileFields = {
  name: text(64, { description: 'Unique in the account, whatever the case' }),
  childProfile: Type.Boolean(),
  pinPromptRequired: Type.Boolean(),
  preferredAudioLanguage: language,
  preferredSubtitleLanguage: language,
  ratingsThresholds: Type.Array(Threshold, { maxItems: maxThresholds, description: 'At most one per ratings body' }),
  iconName: Type.Unsafe<string | null>({
    type: ['string', 'null'],
    maxLength: 64,
    pattern: catalogueIdPattern.source,
    description: 'One of the icons of `GET /imagemetadata/v1/profile`',
  }),
  additionalProperties: Type.Array(Property, { maxItems: maxAdditionalProperties }),
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
      // A child profile shows only what its thresholds allow: it needs one.
      if: { required: ['childProfile'], properties: { childProfile: { const: true } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
      then: { required: ['ratingsThresholds'], properties: { ratingsThresholds: { minItems: 1 } } },
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
  Type.Partial(Type.Object(ProfileCreate.properties), {
    examples: [{ name: 'Little ones', preferredAudioLanguage: 'fra' }],
  }),
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
  pin: Type.Optional(pin({ description: "The account's PIN: needed to leave a child profile for one that is not" })),
});

export const ChangedProfile = Type.Object({
  access_token: Type.String(),
  expires_in: Type.Integer(),
  activeProfileId: Type.String(),
});

export const PinBody = Type.Object({
  pin: pin({ description: '4 to 8 digits' }),
  currentPin: Type.Optional(pin({ description: 'Required when the account has a PIN already' })),
});

export const PinStatus = component(
  'PinStatus',
  Type.Object({
    status: Type.Union([Type.Literal('UNSET'), Type.Literal('SET'), Type.Literal('LOCKED')]),
    lockTimeRemaining: Type.Integer({ description: 'seconds' }),
  }),
);
