/** A ratings body (FSK, MPAA, BBFC, Kijkwijzer…) and its ratings, mildest first. */
export interface RatingsBody {
  id: string;
  name: string;
  /** The body's ratings in order: a threshold at one refuses it and every rating after it. */
  ratings: string[];
  modifiedAt: number;
}

export interface RatingsBodyInput {
  id: string;
  name: string;
  ratings: string[];
}

/** The multi-valued attributes of a movie, as lists. */
export const movieListFields = [
  'genres',
  'actors',
  'directors',
  'countries',
  'technologies',
  'versions',
  'awards',
] as const;
export type MovieListField = (typeof movieListFields)[number];

/**
 * The kind an attribute value has where preferences and recommendations name it (`genre:Horror`): the singular of the
 * list it is in, and `basedOn` for the single value of that name.
 */
export const attributeKindOf: Record<MovieListField, string> = {
  genres: 'genre',
  actors: 'actor',
  directors: 'director',
  countries: 'country',
  technologies: 'technology',
  versions: 'version',
  awards: 'award',
};
export const basedOnKind = 'basedOn';

export type MovieLists = Record<MovieListField, string[]>;

/** A movie of an app's catalogue. */
export interface Movie extends MovieLists {
  id: string;
  title: string;
  year: number;
  basedOn: string | null;
  posterUrl: string | null;
  /** The movie's rating per ratings body id. */
  ratings: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
}

export interface MovieInput extends Partial<MovieLists> {
  id: string;
  title: string;
  year: number;
  basedOn?: string | null | undefined;
  posterUrl?: string | null | undefined;
  ratings?: Record<string, string> | undefined;
}

/** One viewing of a user's history, with what the catalogue says of the movie. */
export interface Viewing {
  movieId: string;
  title: string;
  watchedAt: number;
  technology: string | null;
  version: string | null;
  posterUrl: string | null;
}

/** A viewing as an importer sends it; `watchedAt` is ISO 8601. */
export interface ViewingInput {
  userId: string;
  movieId: string;
  watchedAt: string;
  technology?: string | null | undefined;
  version?: string | null | undefined;
}

/** A checked viewing, ready to store. */
export interface ViewingRecord {
  userId: string;
  movieId: string;
  watchedAt: number;
  technology: string | null;
  version: string | null;
}

/** What a history page shows of a movie. */
export interface MovieSummary {
  appId: string;
  id: string;
  title: string;
  posterUrl: string | null;
}
