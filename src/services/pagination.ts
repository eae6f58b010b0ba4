import { InvalidError } from './errors';

/**
 * Opaque cursors for newest-first lists ordered by (timestamp, id): the position after the last row of a page.
 */
export interface Position {
  at: Date;
  id: string;
}

export const encodeCursor = (position: Position): string =>
  Buffer.from(`${position.at.toISOString()}|${position.id}`).toString('base64url');

// What encodeCursor writes, exactly: a four-digit-year ISO instant and a UUID. Anything else was not issued here,
// and a forged value that merely parses (a year past 9999, an id that is not a UUID) would reach SQL and fail there.
const ISSUED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string): Position {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [at = '', id = ''] = parts;
  const date = new Date(at);
  const issued =
    parts.length === 2 &&
    ISSUED_INSTANT.test(at) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString() === at &&
    UUID.test(id);
  if (!issued) {
    throw new InvalidError('Bad cursor.', [{ path: 'query.cursor', message: 'not a cursor this API issued' }]);
  }
  return { at: date, id };
}

/** A newest-first page from `limit + 1` rows: the extra row only tells that another page follows. */
export function pageOf<Row extends { createdAt: Date; id: string }, Item>(
  rows: readonly Row[],
  limit: number,
  present: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
