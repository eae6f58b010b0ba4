/**
 * The fuzzer's target: the real app over real HTTP on this file's own database, with the tenants and stored
 * objects its requests name (their own and other tenants'), so path parameters can be real ids.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import type { DatabaseHandle } from '../../../src/db/client';
import { createApp } from '../../../src/http/app';
import { RatingPool } from '../../../src/services/comparisons/rating-pool';
import type { Role } from '../../../src/services/context';
import { TEST_TODAY } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { createTenant, type TestTenant } from '../../support/identity';
import { testModels } from '../../support/models';
import { exampleRequest } from '../../support/requests';

export const PARTY_NAMES = ['admin', 'underwriter', 'brokerA', 'brokerB', 'manufacturer'] as const;
export type PartyName = (typeof PARTY_NAMES)[number];

export interface Party {
  name: PartyName;
  role: Role;
  /** Carrier keys see every tenant's objects; the others see their own organisation's only. */
  seesAll: boolean;
  tenant: TestTenant;
}

export interface StoredQuote {
  id: string;
  owner: PartyName;
  subjectivityCodes: string[];
}

export interface World {
  origin: string;
  parties: Record<PartyName, Party>;
  organizations: { id: string; owner: PartyName }[];
  applicants: { id: string; owner: PartyName }[];
  assessments: { id: string; owner: PartyName }[];
  quotes: StoredQuote[];
  /** Broker keys made for the fuzzer to revoke (and then send, revoked), so it never revokes the keys it relies on. */
  spareKeys: { id: string; token: string }[];
  models: { id: string; version: string }[];
  /** Log lines the app wrote at level error or above (an unhandled error is logged before its 500). */
  errorLogs: Record<string, unknown>[];
  close(): Promise<void>;
}

const OWNERS: readonly PartyName[] = ['brokerA', 'brokerB', 'manufacturer'];
export const EFFECTIVE_DATE = '2026-12-01';

/** The server's scraper token: without one, /metrics is not served at all. */
export const FUZZ_METRICS_TOKEN = 'fuzz-scrape-token-0123456789';

export async function startFuzzWorld(): Promise<World> {
  const database = await createTestDatabase();
  const errorLogs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') errorLogs.push(JSON.parse(line));
      done();
    },
  });
  // The service logs nothing below error here (LOG_LEVEL silent for the request log), but errors are kept.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    RATING_WORKER_THREADS: '1',
    METRICS_TOKEN: FUZZ_METRICS_TOKEN,
  });
  const ratingPool = new RatingPool(config.RATING_WORKER_THREADS);
  const app = createApp({
    config,
    database,
    logger: pino({ level: 'error' }, sink),
    models: await testModels(database.db),
    clock: () => new Date(`${TEST_TODAY}T12:00:00Z`),
    ratingPool,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await ratingPool.close();
    await database.close();
  };
  try {
    return { origin, errorLogs, close, ...(await seed(database, origin)) };
  } catch (error) {
    await close();
    throw error;
  }
}

async function seed(database: DatabaseHandle, origin: string) {
  const db = database.db;
  const admin = await createTenant(db, 'carrier', 'admin');
  const carrier = { organizationId: admin.organizationId };
  const parties: Record<PartyName, Party> = {
    admin: { name: 'admin', role: 'admin', seesAll: true, tenant: admin },
    underwriter: {
      name: 'underwriter',
      role: 'underwriter',
      seesAll: true,
      tenant: await createTenant(db, 'carrier', 'underwriter', carrier),
    },
    brokerA: { name: 'brokerA', role: 'broker', seesAll: false, tenant: await createTenant(db, 'broker', 'broker') },
    brokerB: { name: 'brokerB', role: 'broker', seesAll: false, tenant: await createTenant(db, 'broker', 'broker') },
    manufacturer: {
      name: 'manufacturer',
      role: 'applicant',
      seesAll: false,
      tenant: await createTenant(db, 'applicant', 'applicant'),
    },
  };
  const post = async (path: string, body: unknown, party: Party) => {
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { ...party.tenant.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== 201)
      throw new Error(`seeding ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };

  const world = {
    parties,
    organizations: [
      { id: admin.organizationId, owner: 'admin' as PartyName },
      ...OWNERS.map((owner) => ({ id: parties[owner].tenant.organizationId, owner })),
    ],
    applicants: [] as World['applicants'],
    assessments: [] as World['assessments'],
    quotes: [] as StoredQuote[],
    spareKeys: [] as World['spareKeys'],
    models: [
      { id: 'iot-cyber', version: '1.0.0' },
      { id: 'alt-test', version: '2.0.0' },
    ],
  };
  const referredPosture = () => {
    const posture = exampleRequest().posture as { patching: Record<string, unknown> };
    posture.patching.openKevCount = 6;
    posture.patching.openKevPastDueCount = 6;
    return posture;
  };
  for (const owner of OWNERS) {
    // An applicant organisation may register only itself, once; brokers register several.
    const applicantCount = owner === 'manufacturer' ? 1 : 2;
    for (let index = 0; index < applicantCount; index += 1) {
      const profile = { ...exampleRequest().profile, legalName: `Fuzz ${owner} ${index}` };
      const applicant = await post('/v1/applicants', profile, parties[owner]);
      world.applicants.push({ id: applicant.id as string, owner });
      // One quote per assessment: a second quote of the same assessment would supersede the first.
      for (const posture of [exampleRequest().posture, referredPosture(), exampleRequest().posture]) {
        const assessment = await post(`/v1/applicants/${applicant.id}/assessments`, posture, parties[owner]);
        world.assessments.push({ id: assessment.id as string, owner });
        const quote = await post(
          '/v1/quotes',
          { assessmentId: assessment.id, options: exampleRequest().options, effectiveDate: EFFECTIVE_DATE },
          // Applicant keys get indications, not quotes: the carrier quotes an applicant organisation.
          owner === 'manufacturer' ? parties.underwriter : parties[owner],
        );
        world.quotes.push({
          id: quote.id as string,
          owner,
          subjectivityCodes: (quote.subjectivities as { code: string }[]).map((subjectivity) => subjectivity.code),
        });
      }
    }
  }
  for (let index = 0; index < 30; index += 1) {
    const spare = await post(
      '/v1/api-keys',
      { organizationId: parties.brokerB.tenant.organizationId, role: 'broker' },
      parties.admin,
    );
    world.spareKeys.push({ id: spare.id as string, token: spare.secret as string });
  }
  return world;
}

// Objects the fuzzer itself creates join the pools path parameters are drawn from, up to this many of each kind.
const POOL_LIMIT = 200;

/**
 * Records what a successful creating request made, so later requests can name it: quote transitions otherwise
 * run out of quotes in an open state early in the run.
 */
export function rememberCreated(world: World, operationId: string, body: Record<string, unknown>): void {
  const ownerOfApplicant = (applicantId: unknown) =>
    world.applicants.find((applicant) => applicant.id === applicantId)?.owner;
  const add = <T>(pool: T[], item: T) => {
    if (pool.length < POOL_LIMIT) pool.push(item);
  };
  switch (operationId) {
    case 'createApplicant': {
      const owner = PARTY_NAMES.find((name) => world.parties[name].tenant.organizationId === body.ownerOrganizationId);
      if (owner) add(world.applicants, { id: body.id as string, owner });
      return;
    }
    case 'createAssessment': {
      const owner = ownerOfApplicant(body.applicantId);
      if (owner) add(world.assessments, { id: body.id as string, owner });
      return;
    }
    case 'createQuote': {
      const owner = ownerOfApplicant(body.applicantId);
      const codes = ((body.subjectivities ?? []) as { code: string }[]).map((subjectivity) => subjectivity.code);
      if (owner) add(world.quotes, { id: body.id as string, owner, subjectivityCodes: codes });
      return;
    }
  }
}

/** Whether `party` may see an object of `owner` (carrier keys see all tenants). */
export function sees(party: Party, owner: PartyName): boolean {
  return party.seesAll || party.name === owner;
}
