import type { Context } from 'hono';
import type { ServiceContext } from '../services/context';
import type { AppEnv } from './types';

/**
 * The service context of an authenticated request, the one every verb takes: its caller; its database, or the
 * transaction an idempotent request runs in (an embedded database has one connection: a query beside that
 * transaction would wait for it forever); and what rating needs: the registry, the KEV catalog, the default model
 * and the server's date.
 */
export const serviceContext = (c: Context<AppEnv>): ServiceContext => ({
  db: c.var.tx ?? c.var.deps.database.db,
  actor: c.var.actor,
  changes: c.var.deps.reads.changes,
  models: c.var.deps.models,
  kev: c.var.deps.reads.kev,
  defaultModelId: c.var.deps.config.DEFAULT_MODEL_ID,
  today: c.var.deps.clock().toISOString().slice(0, 10),
});
