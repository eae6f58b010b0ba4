import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEndOfLifeAction, KevCatalogDocument, type KevEntry } from '../../src/domain/kev/catalog';
import { ScoreRequest } from '../../src/domain/posture';
import { rate } from '../../src/domain/rate';
import { testModel } from '../support/models';

/**
 * Pinned outputs of the default model for realistic applicants: a change to the model or the engine shows up here
 * as a diff someone must read and approve. They are rated against CISA's published KEV catalog of 2025-08-25. Regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/golden`.
 */
const APPLICANTS = new URL('../fixtures/applicants/', import.meta.url);
const RATINGS = new URL('./ratings/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';
const model = await testModel('iot-cyber');

/** CISA's catalog of 2025-08-25, as the engine would receive it from the database. */
const catalog = (() => {
  const document = KevCatalogDocument.parse(
    JSON.parse(
      readFileSync(new URL('../fixtures/kev/known_exploited_vulnerabilities-2025.08.25.json', import.meta.url), 'utf8'),
    ),
  );
  const entries = new Map<string, KevEntry>(
    document.vulnerabilities.map((entry) => [
      entry.cveID,
      {
        cveID: entry.cveID,
        vendorProject: entry.vendorProject,
        product: entry.product,
        vulnerabilityName: entry.vulnerabilityName,
        dateAdded: entry.dateAdded,
        dueDate: entry.dueDate,
        knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse === 'Known',
        endOfLife: isEndOfLifeAction(entry.requiredAction),
      },
    ]),
  );
  return { version: document.catalogVersion, entries };
})();

describe.each(readdirSync(APPLICANTS).filter((file) => file.endsWith('.json')))('golden rating of %s', (file) => {
  it('matches the pinned output', () => {
    const request = ScoreRequest.parse(JSON.parse(readFileSync(new URL(file, APPLICANTS), 'utf8')));
    const result = rate(model, { ...request, asOf: request.asOf ?? '2026-11-22', kevCatalog: catalog });
    const text = `${JSON.stringify(result, null, 2)}\n`;
    const pinned = new URL(file, RATINGS);
    if (update || !existsSync(pinned)) {
      if (!update)
        throw new Error(`no golden file for ${file}: run with UPDATE_GOLDEN=1 and read it before committing`);
      writeFileSync(pinned, text);
    }
    expect(text).toBe(readFileSync(pinned, 'utf8'));
  });
});
