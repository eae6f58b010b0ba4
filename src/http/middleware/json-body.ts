import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { mayHoldUnstorableText, unstorableText } from '../../domain/storable-text';
import { ApiError } from '../problem';
import type { AppEnv } from '../types';

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json$/;
// Fatal: a lossy decoder would turn bytes that are not UTF-8 into U+FFFD, and that would be stored as if sent.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

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
  const tooLarge = () => {
    // The rest of the body is never read, so the connection cannot carry another request: a client that reused
    // it would have its next request read as the tail of this body, or find the socket closed under it.
    throw new ApiError('payload_too_large', `The request body exceeds this route's limit of ${maxBytes} bytes.`, {
      extensions: { maxBytes },
      headers: { Connection: 'close' },
    });
  };
  const countingLimit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  // A declared length is checked without touching the body: hono's bodyLimit reads `c.req.raw.body`, which makes
  // @hono/node-server build a web Request and stream the body through it, where c.req.json() would otherwise read
  // the socket directly (a third of the cost of a small request). Node's parser holds the body to that length;
  // a chunked body, of unknown length, is counted as it arrives.
  const limit: MiddlewareHandler<AppEnv> = async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(declared) > maxBytes) tooLarge();
      return next();
    }
    return countingLimit(c, next);
  };
  const parse: MiddlewareHandler<AppEnv> = async (c, next) => {
    let text: string;
    try {
      text = UTF8.decode(await c.req.arrayBuffer());
    } catch {
      throw new ApiError('malformed_json', 'The request body is not valid UTF-8.');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unparseable';
      throw new ApiError('malformed_json', `The request body is not valid JSON: ${reason}`);
    }
    if (mayHoldUnstorableText(text)) {
      const errors = unstorableText(body);
      if (errors.length > 0) {
        throw new ApiError('validation_failed', 'The request holds text that cannot be stored; see errors.', {
          errors,
        });
      }
    }
    // hono keeps the body's text, not its value, and parses it again at every c.req.json(): the schema validator
    // and the idempotency check that run next would each parse it anew. They get this value instead.
    const parsed = Promise.resolve(body);
    c.req.json = (() => parsed) as typeof c.req.json;
    await next();
  };
  return [requireJson, limit, parse];
}
