import fc from 'fast-check';
import { addDays } from '../../src/domain/calendar';
import { POSTURE_FIELDS, type PostureField } from '../../src/domain/facts/posture-fields';
import {
  ASSESSORS,
  CERTIFICATION_SCHEMES,
  CERTIFICATION_SCOPES,
  CRITICALITIES,
  DEVICE_CATEGORIES,
  FRAMEWORK_BASES,
  FRAMEWORK_NAMES,
  INCIDENT_KINDS,
  SECTORS,
} from '../../src/domain/posture/enums';

/** Generators of valid, realistic-looking score requests for property tests, as of a fixed rating date. */
export const PROPERTY_AS_OF = '2026-11-22';

const money = (amount: fc.Arbitrary<number>, currency: string) => amount.map((value) => ({ amount: value, currency }));
const pastDate = (maxDaysAgo: number) =>
  fc.integer({ min: 0, max: maxDaysAgo }).map((days) => addDays(PROPERTY_AS_OF, -days));

function numberFor(field: PostureField): fc.Arbitrary<number> {
  const name = field.segments.at(-1)!;
  if (name.endsWith('Pct')) return fc.integer({ min: 0, max: 100 });
  if (name.startsWith('openKev')) return fc.integer({ min: 0, max: 4 });
  if (name.endsWith('Hours')) return fc.integer({ min: 0, max: 240 });
  if (name.endsWith('Months')) return fc.integer({ min: 0, max: 120 });
  return fc.integer({ min: 0, max: 400 });
}

function answerFor(field: PostureField): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(field.values ?? []));
    case 'number':
      return numberFor(field);
    case 'date':
      return pastDate(1500);
    case 'list':
      return fc.constant([]);
  }
}

function setPath(root: Record<string, unknown>, segments: readonly string[], value: unknown) {
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    current[segment] ??= {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments.at(-1)!] = value;
}

const certification = fc
  .record({
    scheme: fc.constantFrom(...CERTIFICATION_SCHEMES),
    scope: fc.constantFrom(...CERTIFICATION_SCOPES),
    assessor: fc.constantFrom(...ASSESSORS),
    issuedDaysAgo: fc.integer({ min: 0, max: 1500 }),
    validDays: fc.integer({ min: 1, max: 1500 }),
  })
  .map(({ issuedDaysAgo, validDays, ...rest }) => ({
    ...rest,
    issuedOn: addDays(PROPERTY_AS_OF, -issuedDaysAgo),
    expiresOn: addDays(PROPERTY_AS_OF, -issuedDaysAgo + validDays),
  }));

const framework = fc.record({
  framework: fc.constantFrom(...FRAMEWORK_NAMES),
  version: fc.constantFrom('1.1', '2.0', '2022'),
  lastReviewedOn: pastDate(1200),
  basis: fc.constantFrom(...FRAMEWORK_BASES),
});

const incident = (currency: string) =>
  fc.record({
    occurredOn: pastDate(2500),
    kind: fc.constantFrom(...INCIDENT_KINDS),
    status: fc.constantFrom('open', 'closed'),
    recordsAffected: fc.integer({ min: 0, max: 100_000 }),
    loss: money(fc.integer({ min: 0, max: 50_000_000 }), currency),
    rootCauseRemediated: fc.boolean(),
  });

/**
 * A posture where each field is answered with probability `answered` (otherwise omitted: unknown), kept valid:
 * past-due KEVs never exceed open ones and fleet percentages never exceed 100 together.
 */
export function posture(currency: string, answered = 0.85) {
  const fieldAnswers = POSTURE_FIELDS.filter((field) => field.kind !== 'list').map((field) =>
    fc
      .option(answerFor(field), { freq: Math.round(1 / (1 - answered)), nil: undefined })
      .map((value) => [field, value] as const),
  );
  return fc
    .record({
      answers: fc.tuple(...fieldAnswers),
      certifications: fc.option(fc.array(certification, { maxLength: 3 }), { freq: 8, nil: undefined }),
      frameworks: fc.option(fc.array(framework, { maxLength: 2 }), { freq: 8, nil: undefined }),
      incidents: fc.option(fc.array(incident(currency), { maxLength: 2 }), { freq: 8, nil: undefined }),
    })
    .map(({ answers, certifications, frameworks, incidents }) => {
      const result: Record<string, unknown> = {};
      for (const [field, value] of answers) if (value !== undefined) setPath(result, field.segments, value);
      const patching = (result.patching ?? {}) as Record<string, number | undefined>;
      if (patching.openKevCount !== undefined && patching.openKevPastDueCount !== undefined) {
        patching.openKevPastDueCount = Math.min(patching.openKevPastDueCount, patching.openKevCount);
      }
      if (patching.fleetOnSupportedFirmwarePct !== undefined && patching.endOfSupportFleetPct !== undefined) {
        patching.endOfSupportFleetPct = Math.min(
          patching.endOfSupportFleetPct,
          100 - patching.fleetOnSupportedFirmwarePct,
        );
      }
      if (certifications) result.certifications = certifications;
      if (frameworks) result.frameworks = frameworks;
      if (incidents) result.incidents = incidents;
      return result;
    });
}

export function profile(currency: string) {
  return fc.record({
    legalName: fc.constantFrom('Acme Devices Ltd', 'Northwind IoT Inc', 'Contoso Health Devices'),
    role: fc.constantFrom('manufacturer', 'service_provider', 'platform_operator', 'enterprise_user'),
    sector: fc.constantFrom(...SECTORS),
    annualRevenue: money(fc.integer({ min: 10_000_000, max: 500_000_000_000 }), currency),
    employeeCount: fc.integer({ min: 3, max: 50_000 }),
    jurisdictions: fc.constantFrom(['US-CA'], ['GB', 'DE'], ['US-OH', 'US-NY', 'GB']),
    deviceFleet: fc.array(
      fc.record({
        category: fc.constantFrom(...DEVICE_CATEGORIES),
        units: fc.integer({ min: 1, max: 2_000_000 }),
        criticality: fc.constantFrom(...CRITICALITIES),
        dataTypes: fc.constant(['pii']),
      }),
      { maxLength: 3 },
    ),
    recordsHeld: fc.record({
      pii: fc.integer({ min: 0, max: 5_000_000 }),
      phi: fc.integer({ min: 0, max: 1_000_000 }),
      payment: fc.integer({ min: 0, max: 1_000_000 }),
      biometric: fc.constantFrom(0, 0, 0, 10_000),
      location: fc.integer({ min: 0, max: 1_000_000 }),
    }),
  });
}

const LIMITS = [100_000_000, 200_000_000, 500_000_000, 1_000_000_000];
const RETENTIONS = [1_000_000, 2_500_000, 10_000_000, 25_000_000];

export function options(currency: string) {
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...LIMITS), fc.constantFrom(...RETENTIONS)), {
      minLength: 1,
      maxLength: 3,
      selector: ([limit, retention]) => `${limit}/${retention}`,
    })
    .map((pairs) =>
      pairs.map(([limit, retention]) => ({
        limit: { amount: limit, currency },
        retention: { amount: retention, currency },
      })),
    );
}

export function scoreRequest(currency: string, answered = 0.85) {
  return fc.record({
    profile: profile(currency),
    posture: posture(currency, answered),
    options: options(currency),
    asOf: fc.constant(PROPERTY_AS_OF),
  });
}
