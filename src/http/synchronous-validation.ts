import { z } from '@hono/zod-openapi';
import { compile } from 'zod';

/**
 * zod-openapi validates with `safeParseAsync`, which never takes zod's compiled fast paths: here the validator's call
 * is answered synchronously by the schema compiled ahead of time (`z.compile`), whose generated parser checks valid
 * input in a fraction of the runtime's time (on the score route's body about a seventh) and hands anything it
 * rejects to the runtime parser, so a refused body gets exactly the runtime's issues. The request schemas here have
 * no asynchronous refinements; one that had would raise zod's async error, and is then parsed asynchronously as
 * before. Set on the instance itself, since zod-openapi finds a schema's OpenAPI metadata by instance; compiled on
 * first use, so start-up does not pay for routes never called.
 */
export function validatedSynchronously(schema: z.ZodType): void {
  if (Object.hasOwn(schema, 'safeParseAsync')) return;
  const asynchronous = schema.safeParseAsync.bind(schema);
  let compiled: z.ZodType | undefined;
  Object.defineProperty(schema, 'safeParseAsync', {
    value: async (data: unknown, params?: Parameters<z.ZodType['safeParse']>[1]) => {
      try {
        compiled ??= compile(schema);
        return compiled.safeParse(data, params);
      } catch (error) {
        if (error instanceof z.core.$ZodAsyncError) return asynchronous(data, params);
        throw error;
      }
    },
  });
}
