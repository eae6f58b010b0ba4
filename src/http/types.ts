import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/client';
import type { HotReads } from '../services/cache/hot-reads';
import type { RatingPool } from '../services/comparisons/rating-pool';
import type { Actor, ServiceContext } from '../services/context';
import type { ModelRegistry } from '../services/rating-models/registry';
import type { HttpMetrics } from './metrics';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
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
