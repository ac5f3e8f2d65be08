import type { FastifyError } from 'fastify';
import { CoreError } from '../core/errors.ts';
import { isDatabaseUnavailable, type StorageFault, storageFaultOf } from '../db/errors.ts';

/** What a face's error handler has to answer: a core error, or a failure of HTTP itself (bad JSON, too large…). */
export type ClassifiedError =
  | { kind: 'core'; error: CoreError }
  | { kind: 'http'; status: number; message: string }
  | { kind: 'internal'; error: unknown };

/**
 * Sorts whatever a handler threw. Schema validation failures become `invalid_input` naming each field; framework
 * 4xx errors keep their status; a database that failed to answer becomes `unavailable` (503 in every face), and one
 * whose storage failed `unavailable` with the `cause` (disk full, read-only…); everything else is internal and must
 * never reach the client in detail.
 */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof CoreError) return { kind: 'core', error };
  const e = error as Partial<FastifyError> & { validation?: ValidationIssue[]; validationContext?: string };
  if (Array.isArray(e.validation)) {
    // One problem per field: a value that breaks a pattern and a format is named once, by the first rule it breaks.
    const fields = [
      ...new Map(
        e.validation
          .map((issue) => {
            const field = fieldOf(issue, e.validationContext);
            return [field, { field, message: issue.message ?? 'is invalid' }] as const;
          })
          .reverse(),
      ).values(),
    ].reverse();
    const message = fields.map((f) => `${f.field} ${f.message}`).join('; ');
    return { kind: 'core', error: new CoreError('invalid_input', message, { field: fields[0]?.field, fields }) };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { kind: 'http', status: e.statusCode, message: e.message ?? 'Bad request' };
  }
  // The database's storage failed: the request may be sent again once an operator has acted. The cause is named;
  // the driver's message (paths, SQL) is not.
  const fault = storageFaultOf(error);
  if (fault) {
    return { kind: 'core', error: new CoreError('unavailable', storageFaultMessages[fault], { cause: fault }) };
  }
  // The request failed because the database did not answer, not because of what it asked: it may be sent again.
  if (isDatabaseUnavailable(error)) {
    return { kind: 'core', error: new CoreError('unavailable', 'The service is unavailable for a moment; try again') };
  }
  return { kind: 'internal', error };
}

const storageFaultMessages: Record<StorageFault, string> = {
  disk_full: "The database's disk is full: nothing can be stored until space is freed; try again later",
  read_only: 'The database accepts no writes at the moment; try again later',
  io_error: 'The database could not read or write its storage; try again later',
  corrupt: 'The database is damaged and must be repaired; try again later',
  insufficient_resources: 'The database is short of resources for a moment; try again',
};

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  // `items[0].uri`, as the core names the fields of a batch.
  const path = (issue.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((segment, index) => (/^[0-9]+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
  const leaf = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  const field = [path, leaf].filter(Boolean).join('.');
  return field || context || 'body';
}

/** The error for a path no route serves, for faces' not-found handlers. */
export function notFoundError(request: { method: string; url: string }): Error & { statusCode: number } {
  return Object.assign(new Error(`No route for ${request.method} ${request.url.split('?')[0]}`), { statusCode: 404 });
}

/** The error for a path that routes serve with other methods (the `Allow` header lists them). */
export function methodNotAllowedError(
  request: { method: string; url: string },
  allowed: readonly string[],
): Error & { statusCode: number } {
  const path = request.url.split('?')[0];
  return Object.assign(new Error(`${request.method} is not served on ${path}; it takes ${allowed.join(', ')}`), {
    statusCode: 405,
  });
}
