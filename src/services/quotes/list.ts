import { listQuotes, optionsOfQuotes, type QuoteFilter } from '../../db/queries/quotes';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { decodeCursor, pageOf } from '../pagination';
import { presentQuoteSummary, QUOTE_READERS } from './present';

export async function listVisibleQuotes(
  ctx: ServiceContext,
  query: Omit<QuoteFilter, 'today' | 'after'> & { cursor?: string | undefined },
) {
  requireRole(ctx.actor, ...QUOTE_READERS);
  const { cursor, ...filter } = query;
  const rows = await listQuotes(ctx.db, scopeOf(ctx.actor), {
    ...filter,
    today: ctx.today,
    after: cursor ? decodeCursor(cursor) : undefined,
  });
  const options = await optionsOfQuotes(
    ctx.db,
    rows.slice(0, query.limit).map((row) => row.id),
  );
  return pageOf(rows, query.limit, (row) =>
    presentQuoteSummary(
      row,
      options.filter((option) => option.quoteId === row.id),
      ctx.today,
    ),
  );
}
