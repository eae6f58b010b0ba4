import pino, { type DestinationStream, type Logger } from 'pino';

/** What an error may carry of a statement's values: drizzle's `params`, postgres.js's `parameters`, a `detail`. */
const VALUE_FIELDS = new Set(['params', 'parameters', 'detail']);

/**
 * A copy of the error, and of each error in its cause chain, without the values a failed statement was sent:
 * drizzle writes them into its message (`Failed query: …\nparams: …`) and keeps them as `params`, and PostgreSQL's
 * `detail` quotes the row. Those values are request bodies (profiles, reasons, model documents), which are never
 * logged; the statement and the database's error are what a reader of the log needs.
 */
function withoutStatementValues(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 8) return error;
  const params = (error as { params?: unknown }).params;
  const cause = withoutStatementValues(error.cause, depth + 1);
  const hasValues = Object.keys(error).some((key) => VALUE_FIELDS.has(key));
  if (params === undefined && cause === error.cause && !hasValues) return error;
  const strip = (text: string | undefined) =>
    params === undefined || text === undefined ? text : text.replace(`\nparams: ${String(params)}`, '');
  const copy = Object.create(Object.getPrototypeOf(error)) as Error;
  for (const [key, value] of Object.entries(error)) {
    if (!VALUE_FIELDS.has(key) && key !== 'cause') (copy as unknown as Record<string, unknown>)[key] = value;
  }
  Object.defineProperty(copy, 'message', { value: strip(error.message), enumerable: false });
  Object.defineProperty(copy, 'stack', { value: strip(error.stack), enumerable: false });
  if (cause !== undefined) Object.defineProperty(copy, 'cause', { value: cause, enumerable: false });
  return copy;
}

/**
 * JSON lines on stdout (or `destination`). Request bodies and headers are never logged; the redaction guards
 * against mistakes, and errors are logged without the values of a failed statement.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'iot-underwriting-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: (error: Error) => pino.stdSerializers.err(withoutStatementValues(error) as Error) },
    redact: {
      paths: [
        'secret',
        '*.secret',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
