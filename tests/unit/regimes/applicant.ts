import { exampleRequest } from '../../support/requests';

// biome-ignore lint/suspicious/noExplicitAny: requests are adjusted as plain JSON before they are parsed
export type Doc = Record<string, any>;
export type Change = (request: Doc) => void;

/** After both EU CRA application dates, so every requirement of every regime is checked. */
export const AS_OF = '2028-01-15';

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A written programme as the posture declares it, reviewed `reviewedDaysAgo` days before the rating date. */
export interface Programme {
  framework: string;
  version: string;
  basis?: 'verified' | 'self_attested';
  reviewedDaysAgo?: number;
}

/** Replaces the applicant's written programmes. */
export const programmes =
  (...list: Programme[]): Change =>
  (request) => {
    request.posture.frameworks = list.map(({ framework, version, basis = 'verified', reviewedDaysAgo = 30 }) => ({
      framework,
      version,
      basis,
      lastReviewedOn: shiftDate(request.asOf, -reviewedDaysAgo),
    }));
  };

/** Sets the answer at a dotted path (`posture.access.hardcodedCredentials`). */
export const set =
  (path: string, value: unknown): Change =>
  (request) => {
    const segments = path.split('.');
    let current = request;
    for (const segment of segments.slice(0, -1)) current = current[segment];
    current[segments.at(-1)!] = value;
  };

/** Sets a date answer to `days` days before the rating date. */
export const daysAgo =
  (path: string, days: number): Change =>
  (request) =>
    set(path, shiftDate(request.asOf, -days))(request);

export const all =
  (...changes: Change[]): Change =>
  (request) => {
    for (const change of changes) change(request);
  };

/**
 * The DESIGN.md 5.1 example (Acme Cameras) made to meet every regime of the default model on `asOf`: present in
 * every jurisdiction a regime names, holding PHI and card data too, with no open KEV vulnerability, verified NIST CSF
 * 2.0, SP 800-171 r3 and PCI DSS 4.0.1 programmes, and every dated control recent.
 */
export function qualifyingRequest(asOf = AS_OF): Doc {
  const request = exampleRequest('USD') as Doc;
  request.asOf = asOf;
  request.profile.jurisdictions = ['GB', 'DE', 'US-CA', 'US-OH', 'US-UT', 'US-CT', 'US-IA'];
  request.profile.recordsHeld = { pii: 1_200_000, phi: 5_000, payment: 10_000, biometric: 0, location: 250_000 };
  Object.assign(request.posture.patching, { openKevCount: 0, openKevPastDueCount: 0, openCves: [] });
  request.posture.certifications[0].issuedOn = shiftDate(asOf, -300);
  request.posture.certifications[0].expiresOn = shiftDate(asOf, 700);
  programmes(
    { framework: 'nist_csf', version: '2.0' },
    { framework: 'nist_800_171', version: 'r3' },
    { framework: 'pci_dss', version: '4.0.1' },
  )(request);
  daysAgo('posture.monitoring.lastPenetrationTest', 60)(request);
  daysAgo('posture.monitoring.incidentResponseLastTested', 90)(request);
  daysAgo('posture.data.lastRestoreTest', 30)(request);
  request.posture.incidents = [];
  return request;
}
