import { z } from '@hono/zod-openapi';
import { Money } from '../../domain/posture';
import { SECTORS } from '../../domain/posture/enums';
import { ORGANIZATION_KINDS, ROLES } from '../../services/context';

export const Organization = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    createdAt: z.string().openapi({ description: 'ISO 8601 timestamp.' }),
  })
  .openapi('Organization');

export const CreateOrganization = z
  .strictObject({
    name: z.string().trim().min(1).max(200).openapi({ example: 'Harbor Brokers LLP' }),
    kind: z.enum(ORGANIZATION_KINDS).openapi({ description: 'carrier, broker or applicant.' }),
  })
  .openapi('CreateOrganization');

export const Authority = z
  .strictObject({
    maxLimit: Money.meta({ description: 'Largest aggregate limit the underwriter may quote and bind.' }),
    maxPremium: Money.meta({ description: 'Largest premium the underwriter may approve.' }),
    sectors: z.array(z.enum(SECTORS)).min(1).optional().openapi({ description: 'Sectors covered; all when omitted.' }),
    canWaive: z.boolean().openapi({ description: 'May waive subjectivities.' }),
    canOverrideDecline: z.boolean().openapi({ description: 'May override an overridable decline.' }),
  })
  .openapi('UnderwritingAuthority');

export const ApiKey = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string().uuid(),
    role: z.enum(ROLES),
    authority: Authority.nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
    prefix: z.string().openapi({ description: 'The start of the key, to tell keys apart; never the secret.' }),
  })
  .openapi('ApiKey');

export const CreatedApiKey = ApiKey.extend({
  secret: z
    .string()
    .openapi({ description: 'The key, `uwk_<id>_<secret>`. Shown in this response only; store it now.' }),
}).openapi('CreatedApiKey');

export const CreateApiKey = z
  .strictObject({
    organizationId: z.string().uuid(),
    role: z.enum(ROLES).openapi({
      description: 'admin and underwriter in carrier organisations, broker in brokers, applicant in applicants.',
    }),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When the key stops working; never when omitted.' }),
    authority: Authority.optional().openapi({ description: 'Underwriting authority; underwriter keys only.' }),
  })
  .superRefine((input, ctx) => {
    if (input.authority && input.authority.maxLimit.currency !== input.authority.maxPremium.currency) {
      ctx.addIssue({
        code: 'custom',
        path: ['authority', 'maxPremium', 'currency'],
        message: 'must be the currency of maxLimit',
      });
    }
  })
  .openapi('CreateApiKey');
