import { z } from '@hono/zod-openapi';

export const ModelSummary = z
  .object({
    id: z.string().openapi({ example: 'iot-cyber' }),
    version: z.string().openapi({ example: '1.0.0' }),
    hash: z.string().openapi({ description: 'sha256 of the canonical JSON (RFC 8785) of the model document.' }),
    title: z.string(),
    effectiveFrom: z.string().openapi({ description: 'First rating or effective date the version applies to.' }),
    currency: z.string(),
  })
  .openapi('RatingModelSummary');
