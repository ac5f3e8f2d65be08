import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The condition under which an upsert's update applies: some of `columns` differs from the row being inserted
 * (`excluded`). Sending the same catalogue twice then changes nothing, not even a modification time. `is distinct
 * from` treats two nulls as equal on both dialects.
 */
export function differsFromExcluded(table: string, columns: readonly string[]): RawBuilder<SqlBool> {
  const differences = columns.map(
    (column) => sql`${sql.ref(`${table}.${column}`)} is distinct from ${sql.ref(`excluded.${column}`)}`,
  );
  return sql<SqlBool>`(${sql.join(differences, sql` or `)})`;
}
