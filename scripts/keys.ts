/**
 * `npm run keys:create -- --org <organisation id or name> --role <admin|underwriter|broker|applicant>
 *   [--expires <ISO timestamp>] [--create-org <carrier|broker|applicant>]`
 * issues an API key from the command line (for operators), printing the secret once. With --create-org, an
 * organisation of that kind and name is created first. Uses the configured database (with PGlite, stop the server).
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { organizations } from '../src/db/schema';
import { createApiKey } from '../src/services/api-keys/create';
import {
  type Actor,
  ORGANIZATION_KINDS,
  type OrganizationKind,
  ROLES,
  type Role,
  type ServiceContext,
} from '../src/services/context';
import { InvalidError } from '../src/services/errors';
import { KevCatalogSource } from '../src/services/kev/snapshot';
import { createOrganization } from '../src/services/organizations/create';
import { ModelRegistry } from '../src/services/rating-models/registry';

const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    role: { type: 'string' },
    expires: { type: 'string' },
    'create-org': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!values.org || !values.role)
  fail('usage: npm run keys:create -- --org <id or name> --role <role> [--expires <timestamp>]');
if (!ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);
const createKind = values['create-org'];
if (createKind && !ORGANIZATION_KINDS.includes(createKind as OrganizationKind)) {
  fail(`--create-org must be one of ${ORGANIZATION_KINDS.join(', ')}`);
}

const config = loadConfig();
const database = await openDatabase(config);
try {
  await runMigrations(database);
  const [carrier] = await database.db.select().from(organizations).where(eq(organizations.kind, 'carrier')).limit(1);
  const system: Actor = {
    keyId: null,
    role: 'system',
    organizationId: carrier?.id ?? '00000000-0000-4000-8000-000000000000',
    organizationKind: 'carrier',
    authority: null,
  };
  const ctx: ServiceContext = {
    db: database.db,
    actor: system,
    models: new ModelRegistry(database.db),
    kev: new KevCatalogSource(),
    defaultModelId: config.DEFAULT_MODEL_ID,
    today: new Date().toISOString().slice(0, 10),
  };
  let organizationId: string;
  if (createKind) {
    organizationId = (await createOrganization(ctx, { name: values.org, kind: createKind as OrganizationKind })).id;
  } else {
    const all = await database.db.select().from(organizations);
    const matches = all.filter((organization) => organization.id === values.org || organization.name === values.org);
    if (matches.length !== 1)
      fail(`${matches.length === 0 ? 'no' : 'more than one'} organisation matches ${values.org}`);
    organizationId = matches[0]!.id;
  }
  const key = await createApiKey(ctx, {
    organizationId,
    role: values.role as Role,
    ...(values.expires ? { expiresAt: values.expires } : {}),
  });
  console.log(`key ${key.id} (${key.role}) for organisation ${organizationId}; the secret is shown once:`);
  console.log(key.secret);
} catch (error) {
  if (error instanceof InvalidError)
    fail(`${error.message} ${error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  fail(error instanceof Error ? error.message : String(error));
} finally {
  await database.close();
}
