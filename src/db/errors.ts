/**
 * The one place that knows how each driver reports a unique violation. Returns the violated columns (for SQLite)
 * or constraint name (for PostgreSQL) as one string to search, or undefined when the error is something else.
 */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown; constraint?: unknown; detail?: unknown };
  // PostgreSQL: SQLSTATE 23505.
  if (e.code === '23505') return `${String(e.constraint ?? '')} ${String(e.detail ?? '')}`;
  // node:sqlite: SQLITE_CONSTRAINT_UNIQUE (2067) or SQLITE_CONSTRAINT_PRIMARYKEY (1555).
  if (e.errcode === 2067 || e.errcode === 1555) return String(e.message ?? '');
  return undefined;
}
