import type { Viewing } from '../../core/movies/movies.types.ts';
import type { NumberedPage } from '../../core/paging.ts';
import type { PreferenceValue } from '../../core/preferences/preferences.types.ts';
import type { Recommendation } from '../../core/recommendations/recommendations.types.ts';
import type { NamedOption, StudentInformation } from '../../core/students/students.types.ts';

export interface Link {
  rel: string;
  href: string;
  method: string;
}

/** The links of a numbered page: self, first, last, and prev/next where they exist; `href`s keep the other query. */
export function pageLinks(url: string, page: NumberedPage<unknown>): Link[] {
  const totalPages = Math.ceil(page.totalItems / page.pageSize);
  const [path = url, query = ''] = url.split('?', 2);
  const to = (n: number) => {
    const params = new URLSearchParams(query);
    params.set('page', String(n));
    params.set('pageSize', String(page.pageSize));
    return `${path}?${params.toString()}`;
  };
  const links: Link[] = [
    { rel: 'self', href: to(page.page), method: 'GET' },
    { rel: 'first', href: to(1), method: 'GET' },
    { rel: 'last', href: to(Math.max(1, totalPages)), method: 'GET' },
  ];
  if (page.page > 1)
    links.push({ rel: 'prev', href: to(Math.min(page.page - 1, Math.max(1, totalPages))), method: 'GET' });
  if (page.page < totalPages) links.push({ rel: 'next', href: to(page.page + 1), method: 'GET' });
  return links;
}

/** A numbered page in the `{data, meta, links}` envelope. */
export function presentPage<T, R>(url: string, page: NumberedPage<T>, present: (item: T) => R) {
  return {
    data: page.items.map(present),
    meta: {
      page: page.page,
      pageSize: page.pageSize,
      totalItems: page.totalItems,
      totalPages: Math.ceil(page.totalItems / page.pageSize),
    },
    links: pageLinks(url, page),
  };
}

export const selfLink = (href: string, method = 'GET'): Link => ({ rel: 'self', href, method });

export function presentPreference({ option, value }: PreferenceValue) {
  return { id: option.id, category: option.category, label: option.label, value };
}

export function presentStudentInformation(information: StudentInformation) {
  return {
    id: information.id,
    year: String(information.year),
    schoolId: information.schoolId,
    schoolName: information.schoolName,
    studyLevel: information.studyLevelId,
    studyLevelName: information.studyLevelName,
    academicYear: information.academicYear,
    lastYear: information.lastYear,
  };
}

export function presentNamedOption(option: NamedOption) {
  return { id: option.id, name: option.name };
}

export function presentViewing(viewing: Viewing) {
  return {
    movieId: viewing.movieId,
    title: viewing.title,
    watchedAt: new Date(viewing.watchedAt).toISOString(),
    technology: viewing.technology,
    version: viewing.version,
    posterUrl: viewing.posterUrl,
  };
}

export function presentRecommendation(recommendation: Recommendation) {
  return {
    movieId: recommendation.movieId,
    title: recommendation.title,
    score: recommendation.score,
    reasons: recommendation.reasons,
  };
}
