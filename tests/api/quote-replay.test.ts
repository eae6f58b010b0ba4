import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant, type TestTenant } from '../support/identity';
import { kevCatalog } from '../support/kev';
import { exampleRequest, postJson } from '../support/requests';

type Json = Record<string, unknown>;
type Quote = {
  id: string;
  status: string;
  model: { id: string; version: string; hash: string };
  kevCatalog: { version: string } | null;
  kev: { matched: { cveID: string; dueDate: string }[] };
  premiums: { premium: { amount: number } }[];
};
type Replay = {
  identical: boolean;
  differences: { path: string; stored: unknown; replayed: unknown }[];
  model: { version: string };
  kevCatalog: { version: string } | null;
};

let t: TestApp;
let broker: TestTenant;
let applicantId: string;

const importCatalog = async (catalog: unknown) =>
  (await t.app.request('/v1/vulnerability-catalogs/kev', postJson(catalog, t.admin.headers))).status;

beforeAll(async () => {
  t = await createTestApp();
  broker = await createTenant(t.database.db, 'broker', 'broker');
  applicantId = (
    (await (await t.app.request('/v1/applicants', postJson(exampleRequest().profile, broker.headers))).json()) as {
      id: string;
    }
  ).id;
  expect(
    await importCatalog(
      kevCatalog('2026.11.01', [
        { cveID: 'CVE-2023-1389', dateAdded: '2023-05-01', dueDate: '2023-05-22' },
        { cveID: 'CVE-2024-3400', dateAdded: '2024-04-12', dueDate: '2024-04-19', ransomware: true },
      ]),
    ),
  ).toBe(201);
});
afterAll(async () => {
  await t.close();
});

async function quote(change: (posture: Json & { patching: Json }) => void = () => {}): Promise<Quote> {
  const posture = exampleRequest().posture as Json & { patching: Json };
  change(posture);
  const assessment = await t.app.request(
    `/v1/applicants/${applicantId}/assessments`,
    postJson(posture, broker.headers),
  );
  const { id } = (await assessment.json()) as { id: string };
  const response = await t.app.request(
    '/v1/quotes',
    postJson({ assessmentId: id, options: exampleRequest().options, effectiveDate: '2026-12-01' }, broker.headers),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as Quote;
}

const replay = async (id: string, key: TestTenant = t.underwriter) => {
  const response = await t.app.request(`/v1/quotes/${id}/replay`, { headers: key.headers });
  return { status: response.status, body: (await response.json()) as Replay };
};

describe('GET /v1/quotes/{id}/replay', () => {
  const old: Quote[] = [];

  it('reproduces a quote matched against the loaded catalog, to the cent', async () => {
    old.push(await quote());
    old.push(
      await quote((posture) => {
        posture.patching.openKevCount = 6;
        posture.patching.openKevPastDueCount = 6;
      }),
    );
    expect(old[0]!.kevCatalog).toEqual({ version: '2026.11.01' });
    expect(old[0]!.kev.matched.map((match) => match.cveID)).toEqual(['CVE-2023-1389', 'CVE-2024-3400']);
    for (const stored of old) {
      const { status, body } = await replay(stored.id);
      expect(status).toBe(200);
      expect(body).toMatchObject({ identical: true, differences: [], model: { version: '1.0.0' } });
    }
  });

  it('still replays identically after a new model version is published and a newer catalog imported', async () => {
    const document = JSON.parse(readFileSync(new URL('../../models/iot-cyber-1.0.0.json', import.meta.url), 'utf8'));
    document.version = '1.1.0';
    document.effectiveFrom = '2026-11-15';
    document.pricing.tierFactors.standard *= 1.1;
    document.pricing.tierFactors.substandard *= 1.1;
    expect((await t.app.request('/v1/rating-models', postJson(document, t.admin.headers))).status).toBe(201);
    expect(
      await importCatalog(
        kevCatalog(
          '2026.11.20',
          [
            { cveID: 'CVE-2023-1389', dateAdded: '2023-05-01', dueDate: '2023-06-30', ransomware: true },
            { cveID: 'CVE-2024-3400', dateAdded: '2024-04-12', dueDate: '2024-04-19', ransomware: true },
          ],
          '2026-11-20T12:00:00.000Z',
        ),
      ),
    ).toBe(201);

    const fresh = await quote();
    expect(fresh.model.version).toBe('1.1.0');
    expect(fresh.kevCatalog).toEqual({ version: '2026.11.20' });
    expect(fresh.kev.matched[0]!.dueDate).toBe('2023-06-30');
    expect(fresh.premiums[0]!.premium.amount).not.toBe(old[0]!.premiums[0]!.premium.amount);
    for (const stored of [...old, fresh]) {
      const { body } = await replay(stored.id);
      expect(body.identical, JSON.stringify(body.differences)).toBe(true);
    }
    expect((await replay(old[0]!.id)).body).toMatchObject({
      model: { version: '1.0.0' },
      kevCatalog: { version: '2026.11.01' },
    });
  });

  it('binds once each per-CVE subjectivity (a code with a colon in the path) is satisfied', async () => {
    const fresh = await quote();
    const read = await t.app.request(`/v1/quotes/${fresh.id}`, { headers: t.underwriter.headers });
    const { subjectivities, referralReasons } = (await read.json()) as {
      subjectivities: { code: string; timing: string }[];
      referralReasons: { code: string }[];
    };
    // Two past-due entries matched against one declared: the mismatch refers, an underwriter approves.
    expect(fresh.status).toBe('referred');
    expect(referralReasons.map((reason) => reason.code)).toContain('KEV_DECLARATION_MISMATCH');
    const approved = await t.app.request(
      `/v1/quotes/${fresh.id}/approve`,
      postJson({ reason: 'Both CVEs confirmed' }, { ...t.underwriter.headers, 'If-Match': read.headers.get('etag')! }),
    );
    expect(approved.status).toBe(200);
    let etag = approved.headers.get('etag')!;
    const codes = subjectivities.filter((s) => s.timing === 'pre_bind').map((s) => s.code);
    expect(codes).toContain('KEV_REMEDIATE:CVE-2023-1389');
    for (const code of codes) {
      const satisfied = await t.app.request(
        `/v1/quotes/${fresh.id}/subjectivities/${encodeURIComponent(code)}/satisfy`,
        postJson({ evidence: 'Firmware 1.1.4 rolled out' }, { ...t.underwriter.headers, 'If-Match': etag }),
      );
      expect(satisfied.status, code).toBe(200);
      etag = satisfied.headers.get('etag')!;
    }
    const bound = await t.app.request(
      `/v1/quotes/${fresh.id}/bind`,
      postJson({ optionIndex: 0 }, { ...t.underwriter.headers, 'If-Match': etag }),
    );
    expect(bound.status, await bound.clone().text()).toBe(200);
    expect((await replay(fresh.id)).body.identical).toBe(true);
  });

  it('shows where a stored result departs from the re-rating', async () => {
    const target = old[0]!;
    const [row] = rowsOf<{ result: string }>(
      await t.database.db.execute(sql`select result::text as result from quotes where id = ${target.id}`),
    );
    const tampered = JSON.parse(row!.result);
    tampered.premiums[0].premium.amount += 100;
    await t.database.db.execute(
      sql`update quotes set result = ${JSON.stringify(tampered)}::json where id = ${target.id}`,
    );
    try {
      const { body } = await replay(target.id);
      expect(body.identical).toBe(false);
      expect(body.differences).toEqual([
        {
          path: 'premiums[0].premium.amount',
          stored: target.premiums[0]!.premium.amount + 100,
          replayed: target.premiums[0]!.premium.amount,
        },
      ]);
    } finally {
      await t.database.db.execute(sql`update quotes set result = ${row!.result}::json where id = ${target.id}`);
    }
    expect((await replay(target.id)).body.identical).toBe(true);
  });

  it('is for underwriters, and 404 for an unknown quote', async () => {
    expect((await replay(old[0]!.id, broker)).status).toBe(403);
    expect((await replay(old[0]!.id, t.admin)).status).toBe(403);
    expect((await replay('0190a6f0-0000-7000-8000-00000000abcd')).status).toBe(404);
  });
});
