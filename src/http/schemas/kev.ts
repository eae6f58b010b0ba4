import { z } from '@hono/zod-openapi';

export const KevCatalogSummary = z
  .object({
    source: z.literal('cisa_kev'),
    version: z.string().openapi({ description: 'CISA’s catalogVersion.', example: '2025.08.25' }),
    releasedAt: z.string().openapi({ description: 'CISA’s dateReleased.' }),
    importedAt: z.string(),
    count: z.number().int().openapi({ description: 'Entries in the catalog.' }),
    contentHash: z.string().openapi({ description: 'sha256 of the canonical JSON of the file as published.' }),
  })
  .openapi('KevCatalog');
