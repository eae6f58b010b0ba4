import { describe, expect, it } from 'vitest';
import { isEndOfLifeAction, type KevEntry } from '../../../src/domain/kev/catalog';
import { matchKev } from '../../../src/domain/kev/match';

const entry = (cveID: string, dateAdded: string, dueDate: string, extra: Partial<KevEntry> = {}): KevEntry => ({
  cveID,
  vendorProject: 'Vendor',
  product: 'Product',
  vulnerabilityName: 'name',
  dateAdded,
  dueDate,
  knownRansomwareCampaignUse: false,
  endOfLife: false,
  ...extra,
});

const catalog = {
  version: '2026.11.01',
  entries: new Map(
    [
      entry('CVE-2023-0001', '2026-01-01', '2026-01-22'),
      entry('CVE-2023-0002', '2026-11-01', '2026-11-22'),
      entry('CVE-2023-0003', '2026-11-25', '2026-12-16'),
      entry('CVE-2023-0004', '2025-01-01', '2025-01-22', { knownRansomwareCampaignUse: true, endOfLife: true }),
    ].map((item) => [item.cveID, item]),
  ),
};

describe('matchKev', () => {
  it('matches each entry by its own due date, ignores entries added after the rating date and unknown ids', () => {
    const matches = matchKev(
      [
        'CVE-2023-0001',
        { cveId: 'CVE-2023-0002', location: 'corporate', affectedUnitsPct: 0 },
        'CVE-2023-0003',
        'CVE-2099-9999',
      ],
      catalog,
      '2026-11-22',
    );
    expect(matches.map((match) => [match.cveID, match.pastDue, match.daysPastDue, match.location])).toEqual([
      ['CVE-2023-0001', true, 304, 'own_product'],
      // Due on the rating date itself is not yet past due.
      ['CVE-2023-0002', false, 0, 'corporate'],
    ]);
  });

  it('carries ransomware use and end-of-life markings', () => {
    const [match] = matchKev(['CVE-2023-0004'], catalog, '2026-11-22');
    expect(match).toMatchObject({ knownRansomwareCampaignUse: true, endOfLife: true, pastDue: true });
  });
});

describe('isEndOfLifeAction', () => {
  it('tells CISA’s end-of-life actions from the generic "discontinue if no mitigation"', () => {
    expect(isEndOfLifeAction('The impacted product is end-of-life and should be disconnected if still in use.')).toBe(
      true,
    );
    expect(
      isEndOfLifeAction(
        'The impacted product is end-of-life (EoL) and/or end-of-service (EoS). Users should discontinue utilization of the product.',
      ),
    ).toBe(true);
    expect(
      isEndOfLifeAction(
        'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
      ),
    ).toBe(false);
  });
});
