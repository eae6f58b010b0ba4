import { z } from '@hono/zod-openapi';

/**
 * What many routes share, written once. zod-openapi knows a schema by its instance and the committed document is
 * generated from these, so two definitions that read differently in it (a description, an example) stay two.
 */

export const IdParam = z.object({
  id: z
    .string()
    .uuid({ error: 'must be a UUID' })
    .openapi({ param: { name: 'id', in: 'path' }, example: '0190a6f0-0000-7000-8000-000000000001' }),
});

/** If-Match on a quote's transitions. */
export const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'The ETag last read (required: 428 without).' }),
});

/** If-Match on an applicant's change, as the document has always worded it there. */
export const IfMatchLastRead = z.object({
  'if-match': z.string().optional().openapi({ description: 'The ETag last read.' }),
});

/** The ETag response header of an object changed under If-Match. */
export const EtagHeader = {
  ETag: { description: 'The current revision, for If-Match.', schema: { type: 'string' as const } },
};

/** The query of a plain newest-first list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the previous page.' }),
});

/** A newest-first page: `nextCursor` fetches the next one. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A whole list in one answer. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
