import type { Context } from 'hono';
import type { ServiceContext } from '../services/context';
import type { AppEnv } from './types';

/** The service context of an authenticated request: its database and its caller. */
export const serviceContext = (c: Context<AppEnv>): ServiceContext => ({
  db: c.var.deps.database.db,
  actor: c.var.actor,
});
