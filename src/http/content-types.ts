import type { FastifyInstance } from 'fastify';

/**
 * Vendor JSON types (`application/vnd.kii.UserUpdateRequest+json`…) parse as JSON with the framework's own,
 * prototype-poisoning-safe parser; form bodies (OAuth token requests) parse into a flat object.
 */
export function registerContentTypes(app: FastifyInstance): void {
  app.addContentTypeParser(
    /^application\/[\w.+-]+\+json$/i,
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'ignore'),
  );
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}
