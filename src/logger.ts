import pino, { type Logger } from 'pino';

/** JSON lines on stdout. Request bodies and headers are never logged; the redaction guards against mistakes. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'iot-underwriting-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
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
  });
}
