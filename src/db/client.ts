import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDirectory } from './pglite-lock';
import * as schema from './schema';

export type Schema = typeof schema;
/** The drizzle database both drivers produce; services and queries accept it or a transaction of it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly kind: DatabaseKind;
  readonly db: Database;
  /** Resolves when the database answers a trivial query within the timeout. */
  ping(timeoutMs: number): Promise<void>;
  /**
   * Subscribes to a notification channel: `onNotify` gets each committed notification's payload, `onListening`
   * runs whenever the subscription is (re)established, since notifications sent while it was down are lost.
   * Resolves to the unsubscribe function.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListening: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** Present on PostgreSQL: the raw driver, for the advisory lock around migrations. */
  readonly postgres?: postgres.Sql;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface PgliteOptions {
  /** Directory holding the database; omitted for an in-memory database. */
  dataDir?: string;
  /** A dumped data directory (`PGlite.dumpDataDir()`) to start from, as the test suite does. */
  loadDataDir?: Blob | File;
}

const PGLITE_SHARED_BUFFERS = '32MB';

export async function openPglite(options: PgliteOptions = {}): Promise<DatabaseHandle> {
  // Loaded only here: a server on PostgreSQL never carries PGlite's WebAssembly build in its memory.
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
  ]);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const unlock = dataDir ? lockDataDirectory(dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      // An embedded database for one process gets by with a quarter of PostgreSQL's default 128 MB, and the
      // operating system's cache still holds its files: the server at ready measured 270 MiB instead of 290 on an
      // existing directory, 750 instead of 850 on a fresh one (where most of it is initdb's, until V8 collects it).
      postgresqlconf: [`shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    ping: (timeoutMs) =>
      withTimeout(
        client.query('select 1').then(() => undefined),
        timeoutMs,
        'PGlite',
      ),
    listen: async (channel, onNotify, onListening) => {
      const unlisten = await client.listen(channel, onNotify);
      onListening();
      return () => unlisten();
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        unlock();
      }
    },
  };
}

export interface PostgresOptions {
  url: string;
  poolMax?: number;
  /** Off for a pooler that cannot keep named statements per client (PgBouncer in transaction mode before 1.21). */
  preparedStatements?: boolean;
}

type PreparableSql = postgres.Sql | postgres.TransactionSql;

/**
 * drizzle sends every query as an unnamed statement, and postgres.js must then have the server describe a query
 * with parameters before binding it: two round trips, and a parse and plan, for every query. Marked prepared, a
 * statement is parsed and described once per connection (postgres.js keeps them by text and parameter types) and
 * afterwards bound and executed in one round trip. Transactions and savepoints hand drizzle a scoped client of
 * their own, so those are marked too.
 */
function preparingStatements<T extends PreparableSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], queryOptions?: Record<string, unknown>) =>
          target.unsafe(query, parameters as postgres.ParameterOrJSON<never>[], { ...queryOptions, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => {
          const body = args.pop() as (scoped: postgres.TransactionSql) => unknown;
          return open(...args, (scoped: postgres.TransactionSql) => body(preparingStatements(scoped)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export async function openPostgres(options: PostgresOptions): Promise<DatabaseHandle> {
  const client = postgres(options.url, {
    max: options.poolMax ?? 10,
    onnotice: () => {},
    // Connection errors surface to the caller; keep the driver from retrying silently for minutes.
    connect_timeout: 10,
  });
  const db = drizzlePostgres({
    client: options.preparedStatements === false ? client : preparingStatements(client),
    schema,
  }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    postgres: client,
    ping: (timeoutMs) =>
      withTimeout(
        client`select 1`.then(() => undefined),
        timeoutMs,
        'PostgreSQL',
      ),
    // postgres.js listens on a connection of its own, outside the pool, and re-subscribes after it reconnects.
    listen: async (channel, onNotify, onListening) => {
      const { unlisten } = await client.listen(channel, onNotify, onListening);
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

export function openDatabase(config: {
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
  DATABASE_POOL_MAX: number;
  DATABASE_PREPARED_STATEMENTS: boolean;
}): Promise<DatabaseHandle> {
  return config.DATABASE_URL
    ? openPostgres({
        url: config.DATABASE_URL,
        poolMax: config.DATABASE_POOL_MAX,
        preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
      })
    : openPglite({ dataDir: resolve(config.DATA_DIR, 'pglite') });
}
