import { findQuote } from '../../db/queries/quotes';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { NotFoundError } from '../errors';
import { presentQuote, QUOTE_READERS } from './present';

export async function getQuote(ctx: ServiceContext, id: string) {
  requireRole(ctx.actor, ...QUOTE_READERS);
  const row = await findQuote(ctx.db, scopeOf(ctx.actor), id);
  if (!row) throw new NotFoundError('quote');
  return presentQuote(row, ctx.today, ctx.actor);
}
