import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type { JsonText } from '../services/json-text';

/** Answers JSON text as it is, typed as `c.json` would type the value it serialises. */
export function jsonTextResponse<T, S extends ContentfulStatusCode>(
  c: Context,
  text: JsonText<T>,
  status: S,
  headers: Record<string, string> = {},
) {
  return c.body(text, status, { ...headers, 'Content-Type': 'application/json' }) as unknown as Response &
    TypedResponse<JSONParsed<T>, S, 'json'>;
}
