import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import { purgeExpiredIdempotencyKeys } from './db/queries/idempotency';
import { createApp } from './http/app';
import { trackInFlight } from './http/in-flight';
import { httpServerOptions } from './http/server-options';
import { createLogger } from './logger';
import { loadModelDirectory } from './models/registry';
import { ChangeFeed } from './services/cache/change-feed';
import { HotReads } from './services/cache/hot-reads';
import { RatingPool } from './services/comparisons/rating-pool';
import { bootstrapAdmin } from './services/identity/bootstrap';
import { ModelRegistry, seedModels } from './services/rating-models/registry';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems)
        console.error(`Configuration error: ${problem.variable}: ${problem.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // A bad model stops start-up before anything else is touched, with the file and the path of the problem.
  const shipped = await loadModelDirectory(config.MODELS_DIR);
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  logger.info({ database: database.kind }, 'database ready, migrations applied');
  try {
    await seedModels(database.db, shipped);
  } catch (error) {
    await database.close();
    throw error;
  }
  const changes =
    config.CACHE_MAX_AGE_MS > 0
      ? await ChangeFeed.subscribe(database, { maxAgeMs: config.CACHE_MAX_AGE_MS })
      : undefined;
  const models = new ModelRegistry(database.db, shipped, changes);
  const registered = await models.list();
  if (!registered.some((model) => model.id === config.DEFAULT_MODEL_ID)) {
    await database.close();
    throw new Error(`DEFAULT_MODEL_ID: no rating model ${config.DEFAULT_MODEL_ID} is registered`);
  }
  logger.info({ models: registered.map((model) => `${model.id}@${model.version}`) }, 'rating models registered');
  const bootstrap = await bootstrapAdmin(database.db, {
    dataDir: config.DATA_DIR,
    presetKey: config.BOOTSTRAP_ADMIN_KEY,
  });
  if (bootstrap.keyFile) {
    logger.warn(
      { keyFile: bootstrap.keyFile },
      'no admin key existed: one was created and written to this file (mode 0600)',
    );
  } else if (bootstrap.created) {
    logger.info('no admin key existed: BOOTSTRAP_ADMIN_KEY was registered as the admin key');
  }

  const purgeKeys = () =>
    purgeExpiredIdempotencyKeys(database.db).then(
      (removed) => removed > 0 && logger.info({ removed }, 'expired idempotency keys purged'),
      (error: unknown) => logger.warn({ err: error }, 'purging expired idempotency keys failed'),
    );
  await purgeKeys();
  // Housekeeping only: an expired key is ignored when claimed whether or not its row is gone.
  setInterval(purgeKeys, 3_600_000).unref();

  const ratingPool = new RatingPool(config.RATING_WORKER_THREADS);
  const app = createApp({
    config,
    database,
    logger,
    models,
    clock: () => new Date(),
    ratingPool,
    reads: new HotReads(changes),
  });
  const handling = trackInFlight(app.fetch);
  const server = serve(
    { fetch: handling.fetch, port: config.PORT, hostname: config.HOST, serverOptions: httpServerOptions(config) },
    (info: AddressInfo) => {
      logger.info({ port: info.port, host: info.address }, 'listening');
    },
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutting down: finishing in-flight requests');
    // Past the deadline, connections still open are cut; a handler still running a few seconds later is given up
    // on (its transaction rolls back), so the process always exits.
    const deadline = setTimeout(() => {
      logger.warn('shutdown deadline reached: closing remaining connections');
      if ('closeAllConnections' in server) server.closeAllConnections();
      setTimeout(() => {
        logger.error('requests still being handled after the shutdown deadline: exiting without them');
        logger.flush();
        process.exit(1);
      }, 5_000).unref();
    }, config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    server.close(async (error) => {
      if (error) logger.error({ err: error }, 'error while closing the HTTP server');
      try {
        // A handler whose client hung up is still running: it finishes before the database goes.
        await handling.idle();
        await ratingPool.close();
        await changes?.close();
        await database.close();
        logger.info('database closed; exiting');
        logger.flush();
        process.exit(0);
      } catch (closeError) {
        logger.error({ err: closeError }, 'error while closing the database');
        process.exit(1);
      }
    });
    // Idle keep-alive connections would otherwise hold server.close() open until they time out.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Start-up failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
