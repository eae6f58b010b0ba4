import { z } from 'zod';
import { isoDate } from './dates';
import { APPLICANT_ROLES, CRITICALITIES, DATA_TYPES, DEVICE_CATEGORIES, SECTORS } from './enums';
import { count, label, oneOf, refuseDuplicates } from './fields';
import { Jurisdiction } from './jurisdictions';
import { Money } from './money';

/** Bounds well above any real applicant (the largest device makers ship hundreds of millions of units). */
const MAX_UNITS = 10_000_000_000;
const MAX_RECORDS = 100_000_000_000;
const MAX_EMPLOYEES = 10_000_000;

const DataTypes = z.array(oneOf(DATA_TYPES, 'data type')).superRefine((types, ctx) =>
  refuseDuplicates(
    types,
    ctx,
    (type) => type,
    (type, first) => `${type} is listed twice (first at index ${first})`,
  ),
);

export const DeviceFleetEntry = z
  .strictObject({
    category: oneOf(DEVICE_CATEGORIES, 'device category').meta({
      description:
        'Kind of device. Some regimes exclude categories (UK PSTI does not apply to medical devices, smart meters or EV chargers); use `other` when none fits.',
      example: 'camera',
    }),
    units: z
      .number({ error: 'must be a number of devices' })
      .min(1, { abort: true, error: 'must be at least 1: leave out a device line with no units' })
      .max(MAX_UNITS, { abort: true, error: `cannot exceed ${MAX_UNITS} devices` })
      .int({ error: 'must be a whole number of devices' })
      .meta({
        description: 'Devices of this kind in service (sold and still in use, or operated), at least 1.',
        example: 250_000,
      }),
    criticality: oneOf(CRITICALITIES, 'criticality').meta({
      description:
        'Harm a compromise of these devices could cause: `low` (nuisance), `moderate` (privacy or property), `high` (safety or essential service), `critical` (life or critical infrastructure). A `high` or `critical` fleet makes severe posture conditions refer or decline.',
      example: 'moderate',
    }),
    endOfSupportDate: isoDate().optional().meta({
      description:
        'Date security updates for these devices end (the published support period). Omitted means none announced. Devices past this date on the rating date feed the end-of-support rules.',
      example: '2030-12-31',
    }),
    dataTypes: DataTypes.default([]).meta({
      description: 'Kinds of personal data these devices collect or process, each at most once. Omitted means none.',
      example: ['pii', 'location'],
    }),
  })
  .meta({
    id: 'DeviceFleetEntry',
    description: 'One line of the applicant’s device fleet: devices of one category and criticality.',
  });

function recordCount(description: string, example: number) {
  return count('records', MAX_RECORDS).default(0).meta({ description, example });
}

export const RecordsHeld = z
  .strictObject({
    pii: recordCount('Records of personally identifiable information (people, not rows).', 1_200_000),
    phi: recordCount('Records of protected health information (HIPAA PHI or equivalent).', 0),
    payment: recordCount('Payment card or account records (PCI DSS scope).', 0),
    biometric: recordCount(
      'Records of biometric identifiers (face geometry, fingerprints, voiceprints). Any above 0 triggers the biometric-privacy form exclusion.',
      0,
    ),
    location: recordCount('Records of precise geolocation data.', 250_000),
  })
  .meta({
    id: 'RecordsHeld',
    description:
      'Records the applicant holds, by data type: a driver of the exposure base. A type left out counts as 0 (none held); the object itself is required so that "none" is a deliberate answer.',
  });

export const Profile = z
  .strictObject({
    legalName: label('legal name', 200).meta({
      description: 'Registered legal name of the applicant, 1 to 200 characters; surrounding spaces are trimmed.',
      example: 'Acme Cameras Ltd',
    }),
    role: oneOf(APPLICANT_ROLES, 'applicant role').meta({
      description:
        'The applicant’s part in the device’s life: `manufacturer` (makes it), `service_provider` (runs a service for it), `platform_operator` (runs the cloud or app platform), `enterprise_user` (deploys it). Duties, and so exposures, differ by role.',
      example: 'manufacturer',
    }),
    sector: oneOf(SECTORS, 'sector').meta({
      description:
        'Market the applicant mainly serves; sets the sector hazard factor. `healthcare` and `critical_infrastructure` make severe posture conditions refer or decline.',
      example: 'consumer_electronics',
    }),
    annualRevenue: Money,
    employeeCount: count('employees', MAX_EMPLOYEES).optional().meta({
      description:
        'Employees, a whole number. Used where expectations scale with the size of the organisation. Omitted means not stated.',
      example: 320,
    }),
    jurisdictions: z
      .array(Jurisdiction)
      .min(1, { error: 'list at least one jurisdiction' })
      .max(50, { error: 'cannot list more than 50 jurisdictions' })
      .superRefine((codes, ctx) =>
        refuseDuplicates(
          codes,
          ctx,
          (code) => code,
          (code, first) => `${code} is listed twice (first at index ${first})`,
        ),
      )
      .meta({
        description:
          'Where the applicant sells, operates or holds data, 1 to 50 distinct codes. Decides which compliance and safe-harbor regimes apply.',
        example: ['US-CA', 'US-OH', 'GB', 'DE'],
      }),
    deviceFleet: z
      .array(DeviceFleetEntry)
      .max(100, { error: 'cannot list more than 100 fleet lines: group devices by category and criticality' })
      .meta({
        description:
          'Devices the applicant makes, runs or deploys, grouped by category and criticality; 0 to 100 lines. An empty list means no devices.',
        example: [
          {
            category: 'camera',
            units: 250_000,
            criticality: 'moderate',
            endOfSupportDate: '2030-12-31',
            dataTypes: ['pii', 'location'],
          },
        ],
      }),
    recordsHeld: RecordsHeld,
  })
  .meta({
    id: 'Profile',
    description:
      'The applicant’s exposure: who it is and what it could lose, kept apart from how well it is run (the posture). `annualRevenue` is the last complete financial year’s revenue (a `Money`), a driver of the exposure base alongside devices and records.',
  });

export type DeviceFleetEntry = z.output<typeof DeviceFleetEntry>;
export type RecordsHeld = z.output<typeof RecordsHeld>;
export type Profile = z.output<typeof Profile>;
export type ProfileInput = z.input<typeof Profile>;
