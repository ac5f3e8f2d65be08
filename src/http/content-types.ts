import type { FastifyInstance } from 'fastify';

/**
 * JSON (plain and vendor types such as `application/vnd.kii.UserUpdateRequest+json`) parses with the framework's
 * own prototype-poisoning-safe parser, except that an empty body is no body: the Kii SDK sends
 * `Content-Type: application/json` on bodyless GET and DELETE. Form bodies (OAuth token requests) parse flat.
 */
export function registerContentTypes(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  for (const type of ['application/json', /^application\/[\w.+-]+\+json$/i]) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (request, body, done) => {
      if (body === '') done(null, undefined);
      // The default parser answers through `done`; it returns nothing to wait for.
      else void parseJson(request, body as string, done);
    });
  }
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}
