/** A small KEV catalog in CISA's published format, for tests that need specific due dates and markings. */
export interface TestKevEntry {
  cveID: string;
  dateAdded: string;
  dueDate: string;
  ransomware?: boolean;
  endOfLife?: boolean;
}

export function kevCatalog(
  version: string,
  entries: readonly TestKevEntry[],
  dateReleased = '2026-11-01T12:00:00.000Z',
) {
  return {
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: version,
    dateReleased,
    count: entries.length,
    vulnerabilities: entries.map((entry) => ({
      cveID: entry.cveID,
      vendorProject: 'TP-Link',
      product: 'Archer AX21',
      vulnerabilityName: `${entry.cveID} test vulnerability`,
      dateAdded: entry.dateAdded,
      shortDescription: 'A vulnerability used by the tests.',
      requiredAction: entry.endOfLife
        ? 'The impacted product is end-of-life and should be disconnected if still in use.'
        : 'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
      dueDate: entry.dueDate,
      knownRansomwareCampaignUse: entry.ransomware ? 'Known' : 'Unknown',
      notes: '',
      cwes: ['CWE-78'],
    })),
  };
}
