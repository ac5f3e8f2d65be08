import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { CoreError } from '../../core/errors.ts';
import type { UserTarget } from '../../core/identity/identity.types.ts';
import type { NamedCatalogue } from '../../core/students/students.types.ts';
import { authorizeRoutes, principalOf } from '../../http/authorization.ts';
import { bearerToken } from '../../http/credentials.ts';
import type { Face, FaceOptions } from '../face.ts';
import { handleKipError, kipErrors } from './errors.ts';
import {
  presentNamedOption,
  presentPage,
  presentPreference,
  presentRecommendation,
  presentStudentInformation,
  presentViewing,
  selfLink,
} from './present.ts';
import {
  Envelope,
  HistoryParams,
  IdEnvelope,
  kipSecurity,
  NamedOption,
  OptionSearchQuery,
  PagedEnvelope,
  PageQuery,
  Preference,
  PreferencePatch,
  PreferencesQuery,
  problemResponses,
  Recommendation,
  StudentInformation,
  StudentInformationBody,
  UserParams,
  Viewing,
  YearParams,
} from './schemas.ts';

const security = kipSecurity;

/** The KIP People API (seeds 000 and 001), at the root: `/users/…` and `/metadata/…`. */
export const kipFace: Face = {
  name: 'KIP People API',
  prefixes: ['/users', '/metadata'],
  routePrefix: '',
  errors: kipErrors,
  handleError: handleKipError,
  routes: kipRoutes,
};

const targetOf = (userId: string): UserTarget => (userId === 'me' ? 'me' : { id: userId.toLowerCase() });

async function kipRoutes(app: FastifyInstance, { core }: FaceOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // Any access token of the core: a user who signed up through another face uses this one with the same token. Every
  // route takes a user (its own data, or as far as its profile may) or the app's admin (naming the user).
  authorizeRoutes(
    app,
    async (request) => {
      const token = bearerToken(request);
      if (!token) throw new CoreError('unauthenticated', 'This call needs an Authorization: Bearer token');
      return core.sessions.authenticate(token, undefined);
    },
    { callers: ['user', 'admin'] },
  );

  const tags = ['KIP: preferences'];
  api.get(
    '/users/:userId/profile/preferences',
    {
      schema: {
        tags,
        security,
        operationId: 'getPreferences',
        summary: "The user's preferences in the given categories (filter=A&filter=B or filter=A,B)",
        params: UserParams,
        querystring: PreferencesQuery,
        response: { 200: Envelope(Type.Array(Preference)), ...problemResponses },
      },
    },
    async (request) => {
      const categories = request.query.filter.flatMap((value) => value.split(',')).map((value) => value.trim());
      const values = await core.preferences.getPreferences(
        principalOf(request),
        targetOf(request.params.userId),
        categories,
      );
      return { data: values.map(presentPreference), links: [selfLink(request.url)] };
    },
  );

  api.patch(
    '/users/:userId/profile/preferences',
    {
      schema: {
        tags,
        security,
        operationId: 'setPreference',
        summary: "Set the user's value for one preference option",
        params: UserParams,
        body: PreferencePatch,
        response: { 200: IdEnvelope, ...problemResponses },
      },
    },
    async (request) => {
      const id = await core.preferences.setPreference(
        principalOf(request),
        targetOf(request.params.userId),
        request.body.id,
        request.body.value,
      );
      const href = `/users/${request.params.userId}/profile/preferences`;
      return { data: id, links: [selfLink(href, 'PATCH')] };
    },
  );

  const studentTags = ['KIP: student information'];
  api.get(
    '/users/:userId/profile/student-information',
    {
      schema: {
        tags: studentTags,
        security,
        operationId: 'listStudentInformation',
        summary: "The user's student information, newest year first",
        params: UserParams,
        querystring: PageQuery,
        response: { 200: PagedEnvelope(StudentInformation), ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.students.listStudentInformation(
        principalOf(request),
        targetOf(request.params.userId),
        request.query,
      );
      return presentPage(request.url, page, presentStudentInformation);
    },
  );

  api.get(
    '/users/:userId/profile/student-information/:year',
    {
      schema: {
        tags: studentTags,
        security,
        operationId: 'getStudentInformation',
        summary: "The user's student information for one year",
        params: YearParams,
        response: { 200: Envelope(StudentInformation), ...problemResponses },
      },
    },
    async (request) => {
      const information = await core.students.getStudentInformation(
        principalOf(request),
        targetOf(request.params.userId),
        Number(request.params.year),
      );
      return { data: presentStudentInformation(information), links: [selfLink(request.url)] };
    },
  );

  for (const [method, mode] of [
    ['POST', 'create'],
    ['PUT', 'replace'],
  ] as const) {
    api.route({
      method,
      url: '/users/:userId/profile/student-information/:year',
      schema: {
        tags: studentTags,
        security,
        operationId: mode === 'create' ? 'createStudentInformation' : 'replaceStudentInformation',
        summary:
          mode === 'create'
            ? 'Add the student information of a year (409 when the year has some)'
            : 'Replace the student information of a year (created when absent)',
        description:
          "schoolId and studyLevel must name options of the app's catalogues (400 naming each that does not).",
        params: YearParams,
        body: StudentInformationBody,
        response: { 200: IdEnvelope, ...problemResponses },
      },
      handler: async (request) => {
        const { userId, year } = request.params;
        const id = await core.students.fileStudentInformation(
          principalOf(request),
          targetOf(userId),
          Number(year),
          request.body,
          mode,
        );
        return { data: id, links: [selfLink(`/users/${userId}/profile/student-information/${year}`)] };
      },
    });
  }

  const metadataTags = ['KIP: metadata'];
  const catalogues: [path: string, catalogue: NamedCatalogue, noun: string, operationId: string][] = [
    ['/metadata/users/school-options', 'schools', 'Schools', 'searchSchoolOptions'],
    ['/metadata/users/study-level-options', 'study_levels', 'Study levels', 'searchStudyLevelOptions'],
  ];
  for (const [path, catalogue, noun, operationId] of catalogues) {
    api.get(
      path,
      {
        schema: {
          tags: metadataTags,
          security,
          operationId,
          summary: `${noun} of the app, by name; search ignores case and accents`,
          querystring: OptionSearchQuery,
          response: { 200: PagedEnvelope(NamedOption), ...problemResponses },
        },
      },
      async (request) => {
        const page = await core.students.searchOptions(principalOf(request), catalogue, request.query);
        return presentPage(request.url, page, presentNamedOption);
      },
    );
  }

  const movieTags = ['KIP: movies'];
  api.get(
    '/users/:userId/movies/history',
    {
      schema: {
        tags: movieTags,
        security,
        operationId: 'listHistory',
        summary: "The user's movie history, newest first",
        params: UserParams,
        querystring: PageQuery,
        response: { 200: PagedEnvelope(Viewing), ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.history.listHistory(principalOf(request), targetOf(request.params.userId), request.query);
      return presentPage(request.url, page, presentViewing);
    },
  );

  api.delete(
    '/users/:userId/movies/history/:movieId',
    {
      schema: {
        tags: movieTags,
        security,
        operationId: 'deleteFromHistory',
        summary: "Remove every viewing of a movie from the user's history",
        params: HistoryParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.history.deleteFromHistory(
        principalOf(request),
        targetOf(request.params.userId),
        request.params.movieId,
      );
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/users/:userId/movies/recommendations',
    {
      schema: {
        tags: movieTags,
        security,
        operationId: 'listRecommendations',
        summary:
          'Movies for the user, best first, with the reasons; never watched ones, never above the profile thresholds',
        params: UserParams,
        querystring: PageQuery,
        response: { 200: PagedEnvelope(Recommendation), ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.recommendations.recommend(
        principalOf(request),
        targetOf(request.params.userId),
        request.query,
      );
      return presentPage(request.url, page, presentRecommendation);
    },
  );
}
