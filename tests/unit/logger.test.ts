import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', sink), text: () => lines.join('') };
}

// A failed query's parameters are the request's values: an applicant's profile, a reason, a whole model document.
describe('the logger', () => {
  it('logs a failed query with its statement and error, never its parameters', () => {
    const { logger, text } = capture();
    const cause = Object.assign(new Error('null value in column "name" violates not-null constraint'), {
      code: '23502',
      detail: 'Failing row contains (Acme Cameras Ltd, secret reason).',
    });
    const error = new DrizzleQueryError(
      'insert into "applicants" ("legal_name") values ($1)',
      ['Acme Cameras Ltd'],
      cause,
    );
    logger.error({ err: error }, 'unhandled error');
    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(text()).not.toContain('Acme Cameras Ltd');
    expect(text()).not.toContain('secret reason');
    expect(line.err.query).toBe('insert into "applicants" ("legal_name") values ($1)');
    expect(line.err.type).toBe('DrizzleQueryError');
    expect(String(line.err.message)).toContain('Failed query: insert into "applicants"');
    expect(String(line.err.message)).toContain('violates not-null constraint');
  });

  it('keeps an ordinary error whole', () => {
    const { logger, text } = capture();
    logger.error({ err: Object.assign(new Error('boom'), { code: 'E_BOOM' }) }, 'failed');
    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: 'Error', message: 'boom', code: 'E_BOOM' });
    expect(String(line.err.stack)).toContain('boom');
  });
});
