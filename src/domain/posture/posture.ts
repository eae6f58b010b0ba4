import { z } from 'zod';
import { Access, Development } from './access';
import { Certifications, Frameworks } from './certifications';
import { Contracts } from './contracts';
import { Incidents } from './incidents';
import { DataHandling, Governance, Monitoring } from './operations';
import { Patching } from './patching';

/**
 * The posture questionnaire (its fields in the OpenAPI document). Any section or field may be
 * omitted or null: that is an unknown answer, priced pessimistically and listed in the response's `unknowns`,
 * never a reason to refuse the request. A field made moot by its parent's answer is not applicable rather
 * than unknown.
 */
export const Posture = z
  .strictObject({
    patching: Patching.nullish(),
    certifications: Certifications,
    frameworks: Frameworks,
    access: Access.nullish(),
    contracts: Contracts.nullish(),
    monitoring: Monitoring.nullish(),
    data: DataHandling.nullish(),
    development: Development.nullish(),
    governance: Governance.nullish(),
    incidents: Incidents,
  })
  .meta({
    id: 'Posture',
    description:
      'How well the applicant is run, by section. Any section or field may be omitted or null: an unknown answer, priced pessimistically and listed in `unknowns`, never refused. For lists, `[]` means none and null or omitted means unknown. `{}` is a valid (entirely unknown) posture.',
  });

export type Posture = z.output<typeof Posture>;
export type PostureInput = z.input<typeof Posture>;
