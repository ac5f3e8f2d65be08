import { v5 as uuidv5 } from 'uuid';
import { seededRandom, shuffle } from '../../src/core/recommendations/model/evaluate.ts';

/**
 * A seeded synthetic cinema, for tests of the recommender (MovieLens is for offline evaluation only): a latent-factor
 * world in which each genre, director and actor has a taste vector, a movie is the sum of its genres', director's and
 * actors' vectors, and each user likes one or two genres. Users watch movies with a probability that grows with how
 * well the movie matches their taste, and a little with the movie's general appeal. Family movies are rated mild,
 * horror and thrillers strong.
 */
export interface SyntheticMovie {
  id: string;
  title: string;
  year: number;
  genres: string[];
  directors: string[];
  actors: string[];
  countries: string[];
  ratings: { FSK: string };
}

export interface SyntheticWorld {
  movies: SyntheticMovie[];
  users: number;
  /** Each user's favourite genres. */
  tastes: string[][];
  viewings: { user: number; movie: number; watchedAt: number }[];
}

export interface WorldOptions {
  seed: number;
  movies: number;
  users: number;
  /** Viewings per user, at least and at most. */
  viewings: [number, number];
  /** The newest viewing (epoch ms); viewings spread over the year before it. */
  newest: number;
}

export const genreNames = [
  'Drama',
  'Comedy',
  'Horror',
  'Family',
  'Science Fiction',
  'Romance',
  'Thriller',
  'Documentary',
];
const fskByGenre: Record<string, string> = { Family: '0', Comedy: '6', Documentary: '0', Romance: '12', Drama: '12' };
const namespace = '6f1c2a8e-4d7b-4c3e-9a51-0b8f2d7e6c44';
const dimensions = 8;

export function syntheticWorld(options: WorldOptions): SyntheticWorld {
  const random = seededRandom(options.seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const vector = (scale: number) => Array.from({ length: dimensions }, () => scale * gaussian());
  const genreTaste = new Map(
    genreNames.map((genre, index) => {
      // Each genre leans on its own dimension, so genres are told apart.
      const taste = vector(0.3);
      taste[index % dimensions] = (taste[index % dimensions] ?? 0) + 2;
      return [genre, taste];
    }),
  );
  const directors = Array.from({ length: Math.max(4, Math.round(options.movies / 6)) }, (_, i) => ({
    name: `Director ${i + 1}`,
    taste: vector(0.8),
  }));
  const actors = Array.from({ length: Math.max(8, Math.round(options.movies / 3)) }, (_, i) => ({
    name: `Actor ${i + 1}`,
    taste: vector(0.4),
  }));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const movieTastes: number[][] = [];
  const appeal: number[] = [];
  const movies = Array.from({ length: options.movies }, (_, m): SyntheticMovie => {
    const genres = [pick(genreNames)];
    if (random() < 0.3) genres.push(pick(genreNames.filter((genre) => genre !== genres[0])));
    const director = pick(directors);
    const cast = [pick(actors), pick(actors)];
    const taste = vector(0.2);
    for (const source of [
      ...genres.map((genre) => genreTaste.get(genre) as number[]),
      director.taste,
      ...cast.map((a) => a.taste),
    ]) {
      source.forEach((value, d) => {
        taste[d] = (taste[d] ?? 0) + value;
      });
    }
    movieTastes.push(taste);
    appeal.push(gaussian() * 0.8);
    const fsk =
      genres.includes('Horror') || genres.includes('Thriller')
        ? pick(['16', '18'])
        : (fskByGenre[genres[0] as string] ?? '12');
    return {
      id: uuidv5(`movie-${options.seed}-${m}`, namespace),
      title: `${genres[0]} ${m + 1}`,
      year: 1990 + Math.floor(random() * 35),
      genres,
      directors: [director.name],
      actors: [...new Set(cast.map((actor) => actor.name))],
      countries: [pick(['BE', 'FR', 'NL', 'US', 'DE'])],
      ratings: { FSK: fsk },
    };
  });
  const tastes: string[][] = [];
  const viewings: SyntheticWorld['viewings'] = [];
  const yearMs = 365 * 86_400_000;
  for (let user = 0; user < options.users; user++) {
    const liked = shuffle([...genreNames], random).slice(0, random() < 0.5 ? 1 : 2);
    tastes.push(liked);
    const taste = vector(0.3);
    for (const genre of liked) {
      (genreTaste.get(genre) as number[]).forEach((value, d) => {
        taste[d] = (taste[d] ?? 0) + value;
      });
    }
    // Gumbel-top-k: a sample without replacement in proportion to exp(affinity).
    const keys = movieTastes.map((movieTaste, m) => {
      const affinity = movieTaste.reduce((sum, value, d) => sum + value * (taste[d] ?? 0), 0) * 0.35 + (appeal[m] ?? 0);
      return { m, key: affinity - Math.log(-Math.log(random() || 1e-12)) };
    });
    keys.sort((a, b) => b.key - a.key);
    const [least, most] = options.viewings;
    const count = least + Math.floor(random() * (most - least + 1));
    for (const { m } of keys.slice(0, count)) {
      viewings.push({ user, movie: m, watchedAt: Math.round(options.newest - random() * yearMs) });
    }
  }
  return { movies, users: options.users, tastes, viewings };
}
