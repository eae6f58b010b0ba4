import type { MiddlewareHandler } from 'hono';
import { unstorableText } from '../../domain/storable-text';
import { ApiError } from '../problem';
import type { AppEnv } from '../types';

/**
 * Query values reach SQL filters (an applicant's name, for one), and PostgreSQL refuses NUL in text with an error
 * that would answer 500. A NUL can only arrive percent-encoded, so requests without `%00` pay nothing.
 */
export const storableQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.url.includes('%00')) {
    const values = Object.fromEntries(
      Object.entries(c.req.queries()).map(([name, all]) => [name, all.length === 1 ? all[0] : all]),
    );
    const errors = unstorableText(values, 'query');
    if (errors.length > 0) {
      throw new ApiError('validation_failed', 'The request holds text that cannot be stored; see errors.', { errors });
    }
  }
  await next();
};
