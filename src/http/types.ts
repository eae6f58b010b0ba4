import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { HotReads } from '../services/cache/hot-reads';
import type { RatingPool } from '../services/comparisons/rating-pool';
import type { Actor, ServiceContext } from '../services/context';
import type { ModelRegistry } from '../services/rating-models/registry';
import type { HttpMetrics } from './metrics';

/**
 * What the HTTP layer holds of the database: the handle service verbs run on, and the readiness probe. The
 * composition root passes its database handle, which has this shape; routes reach the data only through services.
 */
export interface DatabaseAccess {
  readonly kind: 'pglite' | 'postgres';
  readonly db: ServiceContext['db'];
  /** Resolves when the database answers a trivial query within the timeout. */
  ping(timeoutMs: number): Promise<void>;
}

export interface AppDependencies {
  config: Config;
  database: DatabaseAccess;
  logger: Logger;
  models: ModelRegistry;
  /** The service's notion of now; tests pin it. */
  clock: () => Date;
  /** Worker threads for large rating batches; without one, batches are rated in the serving thread. */
  ratingPool?: RatingPool;
  /** Reference data kept in memory (API keys, the KEV catalog); without it every request reads the database. */
  reads?: HotReads;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDependencies & { reads: HotReads };
    metrics: HttpMetrics;
    /** The authenticated caller, on routes that need a key. */
    actor: Actor;
    /** The transaction an idempotent request runs in; every query of its handler must use it. */
    tx: ServiceContext['db'] | undefined;
  };
}

export type App = OpenAPIHono<AppEnv>;
