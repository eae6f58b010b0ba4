import { z } from 'zod';

/**
 * Adds an OpenAPI example to a schema already described with `.meta()`. Examples drawn from the typed
 * `scoreRequestExample` cannot be passed to `.meta()` inside the definition: the example's type is the
 * request's, inferred from these very schemas, and TypeScript refuses the cycle; example.ts adds them once every
 * schema is defined. The registry entry is replaced rather than the schema cloned, so references to the schema
 * (and its component id) stay intact.
 */
export function addExample(schema: z.ZodType, example: unknown): void {
  const meta = z.globalRegistry.get(schema) ?? {};
  z.globalRegistry.remove(schema);
  z.globalRegistry.add(schema, { ...meta, example });
}
