import { z } from '@hono/zod-openapi';

export const KevCatalogSummary = z
  .object({
    source: z.literal('cisa_kev'),
    version: z.string().openapi({ description: 'CISA’s catalogVersion.', example: '2025.08.25' }),
    releasedAt: z.string().openapi({ description: 'CISA’s dateReleased.' }),
    importedAt: z.string(),
    count: z.number().int().openapi({ description: 'Entries in the catalog.' }),
    contentHash: z.string().openapi({ description: 'sha256 of the canonical JSON of the file as published.' }),
    chosenAt: z.string().nullable().openapi({
      description: 'When an admin last chose this version as the loaded one (PUT …/kev/current); null if never.',
    }),
  })
  .openapi('KevCatalog');

export const KevCatalogChoice = z
  .object({
    version: z.string().min(1).max(100).openapi({ description: 'An imported catalogVersion.', example: '2025.08.25' }),
  })
  .strict()
  .openapi('KevCatalogChoice');
