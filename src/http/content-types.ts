import type { FastifyInstance } from 'fastify';
import { invalidInput } from '../core/errors.ts';

/**
 * JSON (plain and vendor types such as `application/vnd.kii.UserUpdateRequest+json`) parses with the framework's
 * own prototype-poisoning-safe parser, except that an empty body is no body: the Kii SDK sends
 * `Content-Type: application/json` on bodyless GET and DELETE. Form bodies (OAuth token requests) parse flat.
 *
 * A `__proto__` key anywhere in a JSON body is refused (Fastify's `onProtoPoisoning: 'error'`): no field of any
 * face is named so, and keeping it would let a body reach prototypes. The refusal says so, as `invalid_input` on
 * `body`, rather than calling the JSON malformed. A `constructor` key is left as data.
 */
export function registerContentTypes(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  for (const type of ['application/json', /^application\/[\w.+-]+\+json$/i]) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (request, body, done) => {
      if (body === '') done(null, undefined);
      // The default parser answers through `done`; it returns nothing to wait for.
      else
        void parseJson(request, body as string, (error, parsed) => {
          if (error && hasPrototypeKey(body as string)) done(prototypeKeyRefused(), undefined);
          else done(error, parsed);
        });
    });
  }
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

/** Whether well-formed JSON was refused for a `__proto__` key (the only reason the default parser refuses it). */
function hasPrototypeKey(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

const prototypeKeyRefused = () =>
  invalidInput('body', 'must not have a "__proto__" key (refused wherever it is, so that no object can be poisoned)');
