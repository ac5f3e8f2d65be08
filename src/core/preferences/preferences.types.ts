/** The 17 preference categories of the KIP People API, in the order its documentation lists them. */
export const preferenceCategories = [
  'Newsletter',
  'MovieGenre',
  'MovieBasedOn',
  'MovieTechnology',
  'MovieVersion',
  'MovieCinemanie',
  'MovieCountry',
  'MovieActor',
  'MovieDirector',
  'MovieAward',
  'PersonalProfession',
  'PersonalStudyLevel',
  'PersonalFamilySize',
  'CinemaVisitFrequency',
  'OtherMusicGenre',
  'OtherSport',
  'OtherAlternativeContent',
] as const;

export type PreferenceCategory = (typeof preferenceCategories)[number];

export function isPreferenceCategory(value: string): value is PreferenceCategory {
  return (preferenceCategories as readonly string[]).includes(value);
}

/** One option of an app's preference catalogue. */
export interface PreferenceOption {
  id: string;
  category: PreferenceCategory;
  label: string;
  /** What the option means in the movie catalogue (`genre:Horror`, `actor:Tom Hanks`), or null. */
  attribute: string | null;
  position: number;
  createdAt: number;
  modifiedAt: number;
}

/** An option as an admin sends it: without an id, an option of the same category and label is updated. */
export interface PreferenceOptionInput {
  id?: string | undefined;
  category: string;
  label: string;
  attribute?: string | null | undefined;
  position?: number | undefined;
}

/** An option with the user's value: false when the user never set it. */
export interface PreferenceValue {
  option: PreferenceOption;
  value: boolean;
}
