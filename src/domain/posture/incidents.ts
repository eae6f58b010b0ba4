import { z } from 'zod';
import { isoDate } from './dates';
import { INCIDENT_KINDS, INCIDENT_STATUSES } from './enums';
import { count, flag, oneOf } from './fields';
import { Money } from './money';

const MAX_RECORDS = 100_000_000_000;

/**
 * A past incident. Every field may be unknown: an incident of unknown kind or loss is still information, and
 * the engine prices it pessimistically rather than refusing the submission.
 */
export const Incident = z
  .strictObject({
    occurredOn: isoDate()
      .meta({ description: 'Date the incident occurred (or was discovered).', example: '2023-04-02' })
      .nullish(),
    kind: oneOf(INCIDENT_KINDS, 'incident kind')
      .meta({
        description:
          'What happened: `breach` (data exposed), `ransomware`, `device_compromise`, `botnet_participation` (devices enlisted in a botnet) or `regulatory_action` (an investigation or penalty).',
        example: 'device_compromise',
      })
      .nullish(),
    status: oneOf(INCIDENT_STATUSES, 'incident status')
      .meta({
        description: 'Whether the matter is still `open` or `closed`. An open regulatory action refers the submission.',
        example: 'closed',
      })
      .nullish(),
    recordsAffected: count('records', MAX_RECORDS)
      .meta({ description: 'Records exposed or affected, a whole number. 0 when no data was involved.', example: 0 })
      .nullish(),
    loss: Money.nullish(),
    rootCauseRemediated: flag(
      'The root cause has been fixed. A breach or botnet participation whose root cause is not remediated is declined.',
    ),
  })
  .meta({
    id: 'Incident',
    description:
      'A past security incident. `loss` is the total cost to the applicant (a `Money`, insured or not), in the request’s currency.',
  });

export const IncidentList = z.array(Incident).max(100, { error: 'cannot list more than 100 incidents' }).meta({
  description:
    'Past security incidents; the rating model’s look-back period decides which affect the price. `[]` means none; omitted or null means unknown (priced pessimistically).',
});

export const Incidents = IncidentList.nullish();

export type Incident = z.output<typeof Incident>;
