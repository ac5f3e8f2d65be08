import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import Type, { type TSchema } from 'typebox';

const common: Options = { allErrors: true, useDefaults: true, removeAdditional: true, strict: false };

/**
 * Two validators: URLs carry only strings, so query, params and headers are coerced to their schema's types;
 * bodies are JSON and are taken as typed, so `{"loginName": 123}` is refused rather than turned into "123".
 * A body key that its schema forbids (`additionalProperties: false`) is refused too: stripping it would answer
 * success to a misspelt setting that was never applied.
 */
const coercing = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
const strict = addFormats.default(new Ajv({ ...common, coerceTypes: false, removeAdditional: false }));

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema as object);

/**
 * A query parameter the client may leave out because the validator fills in its `default`: optional in the schema
 * (so the document and generated clients do not require it), present in the handler's type (`useDefaults` sets it
 * before the handler runs).
 */
export function withDefault<T extends TSchema>(schema: T): T {
  if (!('default' in schema)) throw new Error('withDefault needs a schema with a default');
  return Type.Optional(schema) as unknown as T;
}
