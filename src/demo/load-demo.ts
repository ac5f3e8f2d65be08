import type { Core } from '../core/core.ts';
import type { AdminPrincipal } from '../core/principal.ts';
import {
  demoIcons,
  demoMovies,
  demoPreferenceOptions,
  demoRatingsBodies,
  demoSchools,
  demoStudyLevels,
} from './cinema-chain.ts';

export interface DemoSummary {
  appId: string;
  preferenceOptions: number;
  schools: number;
  studyLevels: number;
  ratingsBodies: number;
  movies: number;
  icons: number;
}

/**
 * Fills every catalogue of the app with the demo cinema chain, through the same core calls as the admin API (so
 * the same rules apply). Every item has a fixed id and unchanged items are left as they are, so a second load changes
 * nothing. An unknown app is `app_not_found`.
 */
export async function loadDemo(core: Core, appId: string): Promise<DemoSummary> {
  await core.apps.getApp(appId);
  // The operator at the command line acts as the app's admin.
  const admin: AdminPrincipal = {
    kind: 'admin',
    appId,
    clientId: 'cli',
    tokenId: 'cli',
    expiresAt: Number.MAX_SAFE_INTEGER,
  };
  // Ratings bodies first: the movies are rated by them.
  const ratingsBodies = await core.movies.upsertRatingsBodies(admin, demoRatingsBodies);
  const movies = await core.movies.upsertMovies(admin, demoMovies());
  const preferenceOptions = await core.preferences.upsertOptions(admin, demoPreferenceOptions());
  const schools = await core.students.upsertOptions(admin, 'schools', demoSchools);
  const studyLevels = await core.students.upsertOptions(admin, 'study_levels', demoStudyLevels);
  const icons = await core.icons.upsertIcons(admin, demoIcons);
  return { appId, preferenceOptions, schools, studyLevels, ratingsBodies, movies, icons };
}
