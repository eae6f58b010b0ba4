import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { projectPath } from './project-root';

const MiB = 1024 * 1024;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const integerFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every setting the service reads from its environment. `process.env` is read nowhere else, so this schema
 * is the complete list (the README's configuration table mirrors it).
 */
const configSchema = z
  .object({
    PORT: integerFromEnv(0, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
      .optional(),
    DATABASE_POOL_MAX: integerFromEnv(1, 200).default(10),
    /** Named prepared statements on PostgreSQL; off behind a pooler that cannot keep them per client. */
    DATABASE_PREPARED_STATEMENTS: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    BODY_LIMIT_BYTES: integerFromEnv(1024, 64 * MiB).default(MiB),
    SHUTDOWN_TIMEOUT_MS: integerFromEnv(0, 120_000).default(10_000),
    /** How long a client may take to send a whole request, headers and body (Node's server.requestTimeout). */
    REQUEST_TIMEOUT_MS: integerFromEnv(100, 3_600_000).default(30_000),
    /** How long a client may take to send the request headers (server.headersTimeout); at most REQUEST_TIMEOUT_MS. */
    HEADERS_TIMEOUT_MS: integerFromEnv(100, 600_000).default(10_000),
    /** How long an idle keep-alive connection waits for the next request (server.keepAliveTimeout). */
    KEEP_ALIVE_TIMEOUT_MS: integerFromEnv(100, 600_000).default(5_000),
    READINESS_TIMEOUT_MS: integerFromEnv(100, 60_000).default(2_000),
    MODELS_DIR: z.string().min(1).default(projectPath('models')),
    DEFAULT_MODEL_ID: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be a rating model id')
      .default('iot-cyber'),
    BOOTSTRAP_ADMIN_KEY: z
      .string()
      .regex(/^uwk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/, 'must have the key format uwk_<32 hex>_<43 base64url characters>')
      .optional(),
    /** Worker threads that share large rating batches (comparisons) with the serving thread; 0 rates in it alone. */
    RATING_WORKER_THREADS: integerFromEnv(0, 64).default(Math.max(0, availableParallelism() - 1)),
    /**
     * The longest an API key, a model's version list or the loaded KEV catalog is kept in memory; a committed
     * change drops them sooner, in every process, through the database's notifications. 0 reads them every time.
     */
    CACHE_MAX_AGE_MS: integerFromEnv(0, 86_400_000).default(60_000),
    RATE_LIMIT_PER_MINUTE: integerFromEnv(0, 1_000_000).default(6_000),
    RATE_LIMIT_BURST: integerFromEnv(1, 1_000_000).default(1_000),
    /**
     * The bearer token a Prometheus scraper sends to GET /metrics; unset, /metrics is not served, since its counts
     * (quotes written, policies bound) are the carrier's business, not the public's.
     */
    METRICS_TOKEN: z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16 to 256 visible ASCII characters')
      .optional(),
    KEV_FEED_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .default('https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json'),
  })
  .refine((config) => config.HEADERS_TIMEOUT_MS <= config.REQUEST_TIMEOUT_MS, {
    path: ['HEADERS_TIMEOUT_MS'],
    // Node refuses to create a server whose headers timeout is longer than its request timeout.
    message: 'must not be longer than REQUEST_TIMEOUT_MS',
  });

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; an empty string counts as unset so `FOO= npm start` falls back to the default. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((name) => [name, env[name]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

export const configVariables = Object.keys(configSchema.shape);
