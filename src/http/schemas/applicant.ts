import { z } from '@hono/zod-openapi';

export const Applicant = z
  .object({
    id: z.string().uuid(),
    ownerOrganizationId: z.string().uuid().openapi({ description: 'The organisation that registered it.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    revision: z.number().int().openapi({ description: 'Increases with every change; the ETag names it.' }),
  })
  .catchall(z.unknown())
  .openapi('Applicant', { description: 'The applicant: these fields plus every field of the profile.' });
