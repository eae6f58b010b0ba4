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

export function decodeCursor(cursor: string): Position {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime())) {
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
