import { daysBetween } from '../calendar';
import type { KevEntry } from './catalog';

export interface KevCatalogSnapshot {
  version: string;
  /** The catalog's entries for the CVE ids being rated (at least), by CVE id. */
  entries: ReadonlyMap<string, KevEntry>;
}

export interface KevMatch extends KevEntry {
  location: 'own_product' | 'corporate';
  affectedUnitsPct: number | null;
  pastDue: boolean;
  daysPastDue: number;
}

type OpenCve = string | { cveId: string; location: 'own_product' | 'corporate'; affectedUnitsPct?: number | null };

/**
 * Matches declared open CVEs against the catalog as of the rating date (docs/workflow.md): entries added
 * after the rating date are ignored; each entry is past due when its own dueDate is before the rating date.
 * Declaration order is kept so per-CVE codes and lists are stable.
 */
export function matchKev(openCves: readonly OpenCve[], catalog: KevCatalogSnapshot, asOf: string): KevMatch[] {
  const matches: KevMatch[] = [];
  for (const declared of openCves) {
    const cveId = typeof declared === 'string' ? declared : declared.cveId;
    const entry = catalog.entries.get(cveId);
    if (!entry || entry.dateAdded > asOf) continue;
    const daysPastDue = Math.max(0, daysBetween(entry.dueDate, asOf));
    // Field by field rather than spreading the entry: every match gets one shape, and a spread followed by four
    // more properties took a rating of two CVEs some ten microseconds.
    matches.push({
      cveID: entry.cveID,
      vendorProject: entry.vendorProject,
      product: entry.product,
      vulnerabilityName: entry.vulnerabilityName,
      dateAdded: entry.dateAdded,
      dueDate: entry.dueDate,
      knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse,
      endOfLife: entry.endOfLife,
      location: typeof declared === 'string' ? 'own_product' : declared.location,
      affectedUnitsPct: typeof declared === 'string' ? null : (declared.affectedUnitsPct ?? null),
      pastDue: entry.dueDate < asOf,
      daysPastDue,
    });
  }
  return matches;
}
