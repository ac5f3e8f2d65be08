import { invalidInput } from './errors.ts';

/** A page of a keyset-paged list (the admin API): the items and the cursor of the next page, null on the last. */
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** A numbered page (the KIP face): 1-based `page` of `pageSize` items. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** A numbered page of items, with the count of every item of the list. */
export interface NumberedPage<T> extends PageRequest {
  items: T[];
  totalItems: number;
}

export const maxPageSize = 100;

/** Checks a numbered page request: `page` ≥ 1, `pageSize` 1..100; anything else is `invalid_input` naming the field. */
export function checkPageRequest(request: PageRequest): PageRequest {
  if (!Number.isInteger(request.page) || request.page < 1) throw invalidInput('page', 'must be an integer ≥ 1');
  if (!Number.isInteger(request.pageSize) || request.pageSize < 1 || request.pageSize > maxPageSize) {
    throw invalidInput('pageSize', `must be an integer from 1 to ${maxPageSize}`);
  }
  return request;
}

/** The opaque cursor that continues a list after the row with this key. */
export function encodeCursor(key: string): string {
  return Buffer.from(key).toString('base64url');
}

/** The key a cursor of `encodeCursor` holds; a cursor this API could not have returned is `invalid_input`. */
export function decodeCursor(cursor: string, isKey: (key: string) => boolean): string {
  const key = Buffer.from(cursor, 'base64url').toString();
  if (encodeCursor(key) !== cursor || !isKey(key)) throw invalidInput('cursor', 'is not a cursor this API returned');
  return key;
}

/**
 * Turns `limit + 1` rows read after a cursor into a page: the extra row, when present, only proves there is a next
 * page.
 */
export function keysetPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): KeysetPage<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
