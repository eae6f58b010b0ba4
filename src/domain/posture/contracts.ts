import { z } from 'zod';
import { INDEMNITY_LEVELS, SUPPLIER_INDEMNITY_LEVELS } from './enums';
import { flag, hours, months, oneOf } from './fields';

/**
 * Two directions (docs/workflow.md): downstream terms are liability the applicant assumes towards its
 * customers, so broader is worse; upstream terms are recovery the insurer can pursue from suppliers, so
 * broader is better.
 */
export const Contracts = z
  .strictObject({
    customerIndemnityGiven: oneOf(INDEMNITY_LEVELS, 'indemnity level')
      .meta({
        description:
          'Indemnity for security failures the applicant gives its customers: `none`, `capped` or `uncapped`. Liability assumed: broader is not better.',
        example: 'capped',
      })
      .nullish(),
    limitationOfLiability: flag('The applicant’s customer contracts cap its own liability.'),
    securityWarranty: flag('The applicant’s product warranty includes security terms (liability assumed).'),
    customerBreachNotificationHours: hours()
      .meta({ description: 'Hours within which the applicant commits to tell customers of a breach.', example: 72 })
      .nullish(),
    postSaleSupportMonths: months()
      .meta({ description: 'Months of post-sale security support committed to customers by contract.', example: 60 })
      .nullish(),
    supplierIndemnity: oneOf(SUPPLIER_INDEMNITY_LEVELS, 'supplier indemnity level')
      .meta({
        description:
          'Indemnity the applicant’s suppliers give it for security defects in what they supply: `none`, `partial` or `full`.',
        example: 'partial',
      })
      .nullish(),
    supplierLiabilityCapped: flag('Suppliers’ liability to the applicant is capped (limits what can be recovered).'),
    supplierSecurityFlowDown: flag('Security obligations are flowed down to suppliers by contract.'),
    supplierAuditRights: flag('The applicant may audit its suppliers’ security.', false),
    suppliersCarryCyberInsurance: flag('Suppliers are required to carry cyber insurance.'),
  })
  .meta({
    id: 'Contracts',
    description:
      'Contractual protections: downstream (what the applicant promises its customers) and upstream (what its suppliers owe it). Every field may be omitted or null (unknown); the whole section may be too.',
  });

export type Contracts = z.output<typeof Contracts>;
