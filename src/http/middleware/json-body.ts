import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../problem';
import type { AppEnv } from '../types';

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json$/;

/**
 * Runs before zod-openapi's validator on every route with a body: that validator silently skips a body whose
 * content type is not JSON and throws a text error on malformed JSON, so both are answered here as problems.
 */
export function jsonBody(maxBytes: number): MiddlewareHandler<AppEnv>[] {
  const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ApiError(
        'unsupported_media_type',
        mediaType === ''
          ? 'The request has no Content-Type; send the body as application/json.'
          : `Content-Type ${mediaType} is not accepted; send the body as application/json.`,
        { headers: { 'Accept-Post': 'application/json' } },
      );
    }
    await next();
  };
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      // The rest of the body is never read, so the connection cannot carry another request: a client that reused
      // it would have its next request read as the tail of this body, or find the socket closed under it.
      throw new ApiError('payload_too_large', `The request body exceeds this route's limit of ${maxBytes} bytes.`, {
        extensions: { maxBytes },
        headers: { Connection: 'close' },
      });
    },
  });
  const parse: MiddlewareHandler<AppEnv> = async (c, next) => {
    try {
      // hono caches the parsed body, so the schema validator that runs next reads this same value.
      await c.req.json();
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unparseable';
      throw new ApiError('malformed_json', `The request body is not valid JSON: ${reason}`);
    }
    await next();
  };
  return [requireJson, limit as MiddlewareHandler<AppEnv>, parse];
}
