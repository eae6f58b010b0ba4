import { z } from 'zod';
import { isoDate } from '../posture/dates';

/**
 * CISA's Known Exploited Vulnerabilities catalog as CISA publishes it
 * (https://www.cisa.gov/known-exploited-vulnerabilities-catalog, and its published JSON schema). Unknown extra
 * properties are tolerated, since CISA adds fields over time; a malformed entry refuses the whole file.
 */
const KevVulnerability = z.object({
  cveID: z.string().regex(/^CVE-[0-9]{4}-[0-9]{4,19}$/, 'must be a CVE id such as CVE-2023-1389'),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: isoDate(),
  shortDescription: z.string(),
  requiredAction: z.string(),
  dueDate: isoDate(),
  knownRansomwareCampaignUse: z.enum(['Known', 'Unknown']),
  notes: z.string().default(''),
  cwes: z.array(z.string()).default([]),
});

export const KevCatalogDocument = z
  .object({
    title: z.string().optional(),
    catalogVersion: z.string().min(1).max(64),
    dateReleased: z.iso.datetime({ offset: true }),
    count: z.number().int().min(0),
    vulnerabilities: z.array(KevVulnerability),
  })
  .superRefine((catalog, ctx) => {
    if (catalog.count !== catalog.vulnerabilities.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `says ${catalog.count} but the file lists ${catalog.vulnerabilities.length} vulnerabilities`,
      });
    }
    const seen = new Set<string>();
    catalog.vulnerabilities.forEach((entry, index) => {
      if (seen.has(entry.cveID)) {
        ctx.addIssue({
          code: 'custom',
          path: ['vulnerabilities', index, 'cveID'],
          message: `${entry.cveID} is listed twice`,
        });
      }
      seen.add(entry.cveID);
    });
  });

export type KevCatalogDocument = z.output<typeof KevCatalogDocument>;

/** One catalog entry as the engine matches it. */
export interface KevEntry {
  cveID: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  dueDate: string;
  knownRansomwareCampaignUse: boolean;
  endOfLife: boolean;
}

/**
 * CISA marks entries whose only remedy is to retire the product ("The impacted product is end-of-life and should
 * be disconnected"); those feed end-of-support rules rather than a patch subjectivity. The generic "or discontinue
 * use of the product if mitigations are unavailable" is not such a marking.
 */
export function isEndOfLifeAction(requiredAction: string): boolean {
  return /end-of-life|end of life|\bEoL\b|end-of-service/i.test(requiredAction);
}
