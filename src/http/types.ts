import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/client';
import type { HttpMetrics } from './metrics';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDependencies;
    metrics: HttpMetrics;
  };
}

export type App = OpenAPIHono<AppEnv>;
