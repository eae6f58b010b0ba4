import { z } from 'zod';
import { CVE_LOCATIONS } from './enums';
import { oneOf, percent } from './fields';

/** MITRE's CVE id syntax since 2014: a four-digit year and a sequence of four or more digits. */
export const CVE_ID_PATTERN = /^CVE-\d{4}-\d{4,}$/;

const CVE_FORM = 'CVE-YYYY-NNNN (upper-case "CVE", a four-digit year, then four or more digits, e.g. CVE-2023-1389)';

/** Refused rather than upper-cased: the id is matched verbatim against the KEV catalog and stored in quotes. */
export const CveId = z
  .string({ error: `must be a CVE id in the form ${CVE_FORM}` })
  .max(32, { error: 'a CVE id cannot exceed 32 characters', abort: true })
  .regex(CVE_ID_PATTERN, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a CVE id: expected the form ${CVE_FORM}`,
  })
  .meta({ description: `A CVE identifier in the form ${CVE_FORM}.`, example: 'CVE-2023-1389' });

export const OpenCve = z
  .strictObject({
    cveId: CveId,
    location: oneOf(CVE_LOCATIONS, 'CVE location').meta({
      description:
        'Where the vulnerability sits: `own_product` (in devices or software the applicant ships or operates for customers) or `corporate` (in its own IT estate).',
      example: 'corporate',
    }),
    affectedUnitsPct: percent().nullish().meta({
      description:
        'Share of the device fleet exposed to it, percent (0 to 100). Omitted or null means unknown, priced pessimistically.',
      example: 0,
    }),
  })
  .meta({
    id: 'OpenCve',
    description: 'An open vulnerability with its location and, for products, the share of the fleet it affects.',
    example: { cveId: 'CVE-2024-3400', location: 'corporate', affectedUnitsPct: 0 },
  });

const ENTRY_FORM = `a CVE id string (${CVE_FORM}) or an object { cveId, location: own_product | corporate, affectedUnitsPct? }`;

/**
 * An `openCves` item. zod reports a failed union as a bare "Invalid input"; the message here names what was
 * wrong with the object form, since that is the one a client who sent an object meant.
 */
export const OpenCveEntry = z.union([CveId, OpenCve], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') {
      return undefined;
    }
    const input: unknown = issue.input;
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      const objectIssues = issue.errors[1] ?? [];
      const details = objectIssues.map((inner) =>
        inner.path.length > 0 ? `${inner.path.join('.')}: ${inner.message}` : inner.message,
      );
      return `invalid open CVE object: ${details.join('; ')}`;
    }
    return `must be ${ENTRY_FORM}`;
  },
});

export type OpenCve = z.output<typeof OpenCve>;
export type OpenCveEntry = z.output<typeof OpenCveEntry>;

/** The id of an `openCves` item in either form. */
export function cveIdOf(entry: OpenCveEntry): string {
  return typeof entry === 'string' ? entry : entry.cveId;
}
