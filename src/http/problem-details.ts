import type { FastifyReply, FastifyRequest } from 'fastify';
import Type, { type TSchema } from 'typebox';
import type { CoreErrorCode } from '../core/errors.ts';
import { classifyError } from './classify-error.ts';
import { component, StorageFaultCause } from './openapi.ts';

/**
 * RFC 7807 problem details, as the admin API (and the operational endpoints) and the KIP face answer errors. The two
 * differ only in the base of `type` and in whether the body carries the core's `code`; everything else is this one
 * module, so that a rule about errors (what a refused input lists, what an internal failure hides) holds for both.
 */
export interface ProblemDialect {
  /** The component name of the body in the OpenAPI document. */
  name: string;
  /** `type` is this base followed by the code's slug (`user-not-found`, `http-404`, `internal`). */
  typeBase: string;
  /** Whether the body carries `code`: the core's error code, `http_<status>` or `internal`. */
  withCode: boolean;
  description: string;
  /** Each core error code's status and title. */
  errors: Record<CoreErrorCode, { status: number; title: string }>;
  example: Record<string, unknown>;
}

/** A face's problem-details body and error handler. */
export interface Problems {
  schema: TSchema;
  /** Every error status a route of the face declares, each with the problem body. */
  responses: { 400: TSchema; 401: TSchema; 403: TSchema; 404: TSchema; 409: TSchema; 429: TSchema; 503: TSchema };
  handle(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply;
}

/** Builds the body schema (named in the document, sent as `application/problem+json`) and the handler of a dialect. */
export function problemDetails(dialect: ProblemDialect): Problems {
  const schema = component(
    dialect.name,
    Type.Object(
      {
        type: Type.String({ description: `A URI naming the problem, \`${dialect.typeBase}<code>\`` }),
        title: Type.String(),
        status: Type.Integer(),
        detail: Type.String(),
        ...(dialect.withCode
          ? { code: Type.String({ description: "The core's error code (docs/errors.md), http_<status> or internal" }) }
          : {}),
        errors: Type.Optional(
          Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
            description: 'When the input was refused: each field and why',
          }),
        ),
        cause: Type.Optional(StorageFaultCause),
      },
      { description: dialect.description, examples: [dialect.example] },
    ),
    { mediaTypes: () => ['application/problem+json'] },
  );
  const typeOf = (slug: string) => `${dialect.typeBase}${slug.replaceAll('_', '-')}`;
  const send = (reply: FastifyReply, body: Record<string, unknown>, code: string) =>
    reply.status(body.status as number).send(dialect.withCode ? { ...body, code } : body);

  const handle = (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const classified = classifyError(error);
    reply.type('application/problem+json');
    if (classified.kind === 'core') {
      const { code, message, details } = classified.error;
      const { status, title } = dialect.errors[code];
      const body: Record<string, unknown> = { type: typeOf(code), title, status, detail: message };
      if (details.fields) body.errors = details.fields;
      if (details.cause) body.cause = details.cause;
      return send(reply, body, code);
    }
    if (classified.kind === 'http') {
      const { status, message } = classified;
      return send(reply, { type: typeOf(`http-${status}`), title: message, status, detail: message }, `http_${status}`);
    }
    request.log.error({ err: classified.error }, 'unhandled error');
    const body = {
      type: typeOf('internal'),
      title: 'Internal server error.',
      status: 500,
      detail: 'The server could not complete the request',
    };
    return send(reply, body, 'internal');
  };

  const responses = { 400: schema, 401: schema, 403: schema, 404: schema, 409: schema, 429: schema, 503: schema };
  return { schema, responses, handle };
}
