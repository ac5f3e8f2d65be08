import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * MovieLens 100K, read from `../shared/data/ml-100k` beside the repository, or from `MOVIELENS_DIR` (a worktree
 * elsewhere); never copied into the repository: it is for offline evaluation only, and the product neither ships nor
 * serves it.
 */
export const movieLensDirectory =
  process.env.MOVIELENS_DIR ?? resolve(import.meta.dirname, '../../shared/data/ml-100k');

export interface MovieLensRating {
  user: number;
  item: number;
  rating: number;
  /** Epoch milliseconds. */
  time: number;
}

export interface MovieLensItem {
  item: number;
  title: string;
  year: number;
  genres: string[];
}

export interface MovieLens {
  users: number;
  items: number;
  ratings: MovieLensRating[];
  movies: MovieLensItem[];
}

/** Reads the ratings (users and items numbered from 0) and the movies with their genres. */
export function loadMovieLens(directory = movieLensDirectory): MovieLens {
  const ratings = gunzipSync(readFileSync(join(directory, 'u.data.gz')))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line): MovieLensRating => {
      const [user, item, rating, seconds] = line.split('\t').map(Number);
      return {
        user: (user as number) - 1,
        item: (item as number) - 1,
        rating: rating as number,
        time: (seconds as number) * 1000,
      };
    });
  const genreNames = readFileSync(join(directory, 'u.genre'), 'latin1')
    .split('\n')
    .filter((line) => line.includes('|'))
    .map((line) => line.split('|')[0] as string);
  // u.item is Latin-1, kept as it is in the data folder.
  const movies = readFileSync(join(directory, 'u.item'), 'latin1')
    .split('\n')
    .filter((line) => line.includes('|'))
    .map((line): MovieLensItem => {
      const fields = line.split('|');
      const flags = fields.slice(5).map(Number);
      const released = /(\d{4})/.exec(fields[2] ?? '')?.[1];
      return {
        item: Number(fields[0]) - 1,
        title: fields[1] || `Movie ${fields[0]}`,
        year: released ? Number(released) : 1995,
        genres: genreNames.filter((_, index) => flags[index] === 1 && genreNames[index] !== 'unknown'),
      };
    });
  let users = 0;
  let items = 0;
  for (const { user, item } of ratings) {
    users = Math.max(users, user + 1);
    items = Math.max(items, item + 1);
  }
  return { users, items: Math.max(items, movies.length), ratings, movies };
}
