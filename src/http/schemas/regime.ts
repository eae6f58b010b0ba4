import { z } from '@hono/zod-openapi';

const Regime = z
  .object({
    id: z.string(),
    title: z.string(),
    citation: z.string(),
    summary: z.string(),
    effectiveFrom: z.string(),
    appliesTo: z.object({
      jurisdictions: z.array(z.string()).optional(),
      deviceCategories: z.array(z.string()).optional(),
      excludedDeviceCategories: z.array(z.string()).optional(),
      dataTypes: z.array(z.string()).optional(),
      roles: z.array(z.string()).optional(),
      sectors: z.array(z.string()).optional(),
      when: z.string().optional().openapi({ description: 'Further condition, as a model expression.' }),
    }),
    requirements: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        met: z.string().openapi({ description: 'The model expression that decides it.' }),
        evidence: z.string(),
        level: z.enum(['required', 'full']),
        appliesFrom: z.string().optional(),
      }),
    ),
    waives: z.array(z.string()).openapi({ description: 'Posture restrictions an eligible applicant is relieved of.' }),
  })
  .openapi('Regime');

export const RegimeList = z.object({
  model: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  items: z.array(Regime),
});

export const RegimeModelQuery = z.object({
  model: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,62}$/)
    .optional()
    .openapi({ description: 'Rating model id.' }),
  modelVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .optional()
    .openapi({ description: 'A model version; otherwise the version in force today.' }),
});
