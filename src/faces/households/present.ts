import type { Icon, Profile, ProfileInput } from '../../core/households/households.types.ts';

/** A profile as NAGRA's User Profiles Service writes it. */
export function presentProfile(profile: Profile) {
  return {
    _id: profile.id,
    accountId: profile.userId,
    default: profile.isDefault,
    name: profile.name,
    childProfile: profile.child,
    pinPromptRequired: profile.pinPromptRequired,
    preferredAudioLanguage: profile.audioLanguage,
    preferredSubtitleLanguage: profile.subtitleLanguage,
    ratingsThresholds: profile.ratingThresholds.map((t) => ({
      ratingsBody: t.ratingsBody,
      ratingsThreshold: t.rating,
    })),
    iconName: profile.iconId,
    additionalProperties: profile.additionalProperties,
  };
}

export function presentIcon(icon: Icon) {
  return { resourceId: icon.id, aspect: icon.aspect, uri: icon.uri, imageId: icon.imageId };
}

interface ProfileBody {
  name?: string | undefined;
  childProfile?: boolean | undefined;
  pinPromptRequired?: boolean | undefined;
  preferredAudioLanguage?: string | null | undefined;
  preferredSubtitleLanguage?: string | null | undefined;
  ratingsThresholds?: { ratingsBody: string; ratingsThreshold: string }[] | undefined;
  iconName?: string | null | undefined;
  additionalProperties?: { name: string; value: string }[] | undefined;
}

/** A request body in the core's terms; fields absent stay absent (a partial update changes only what it names). */
export function profileInputOf(body: ProfileBody): Partial<ProfileInput> {
  const input: Partial<ProfileInput> = {};
  if (body.name !== undefined) input.name = body.name;
  if (body.childProfile !== undefined) input.child = body.childProfile;
  if (body.pinPromptRequired !== undefined) input.pinPromptRequired = body.pinPromptRequired;
  if (body.preferredAudioLanguage !== undefined) input.audioLanguage = body.preferredAudioLanguage;
  if (body.preferredSubtitleLanguage !== undefined) input.subtitleLanguage = body.preferredSubtitleLanguage;
  if (body.ratingsThresholds !== undefined) {
    input.ratingThresholds = body.ratingsThresholds.map((t) => ({
      ratingsBody: t.ratingsBody,
      rating: t.ratingsThreshold,
    }));
  }
  if (body.iconName !== undefined) input.iconId = body.iconName;
  if (body.additionalProperties !== undefined) input.additionalProperties = body.additionalProperties;
  return input;
}
