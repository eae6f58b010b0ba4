import { randomUUID } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { hasActiveAdminKey, insertApiKey, insertOrganization } from '../../db/queries/organizations';
import { organizations } from '../../db/schema';
import { presentKey } from '../api-keys/present';
import { appendAuditEvent } from '../audit/append';
import type { Actor } from '../context';
import { presentOrganization } from '../organizations/present';
import { generateKey, hashSecret, parseKey } from './secrets';

const BOOTSTRAP_LOCK_KEY = 7_310_424_992;
export const BOOTSTRAP_KEY_FILE = 'bootstrap-admin-key';

export interface BootstrapResult {
  created: boolean;
  /** Where the generated key was written (never the key itself), when one was generated. */
  keyFile?: string;
}

/**
 * On first start there is no admin key: create the carrier organisation (if none) and an admin key, either the
 * operator's BOOTSTRAP_ADMIN_KEY or a generated one written to DATA_DIR/bootstrap-admin-key with mode 0600. Runs
 * under a transaction-scoped advisory lock, so processes starting together create one key, not several.
 */
export async function bootstrapAdmin(
  db: Database,
  options: { dataDir: string; presetKey?: string | undefined },
): Promise<BootstrapResult> {
  const preset = options.presetKey ? parseKey(options.presetKey) : null;
  if (options.presetKey && !preset)
    throw new Error('BOOTSTRAP_ADMIN_KEY does not have the key format uwk_<32 hex>_<43 base64url>');
  const generated = preset ? null : generateKey();
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    if (await hasActiveAdminKey(tx, new Date())) return { created: false };
    let [carrier] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.kind, 'carrier'))
      .orderBy(asc(organizations.createdAt))
      .limit(1);
    const system: Actor = {
      keyId: null,
      role: 'system',
      organizationId: carrier?.id ?? randomUUID(),
      organizationKind: 'carrier',
      authority: null,
    };
    if (!carrier) {
      carrier = await insertOrganization(tx, { id: system.organizationId, name: 'Carrier', kind: 'carrier' });
      await appendAuditEvent(tx, system, {
        organizationId: carrier.id,
        action: 'organization.created',
        entityType: 'organization',
        entityId: carrier.id,
        before: null,
        after: presentOrganization(carrier),
      });
    }
    const id = preset ? preset.id : generated!.id;
    const secret = preset ? preset.secret : generated!.secret;
    const key = await insertApiKey(tx, {
      id,
      organizationId: carrier.id,
      role: 'admin',
      secretHash: hashSecret(secret),
    });
    await appendAuditEvent(tx, system, {
      organizationId: carrier.id,
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: key.id,
      before: null,
      after: presentKey(key),
    });
    return { created: true };
  });
  if (!result.created || !generated) return result;
  const directory = resolve(options.dataDir);
  await mkdir(directory, { recursive: true });
  const keyFile = join(directory, BOOTSTRAP_KEY_FILE);
  await writeFile(keyFile, `${generated.token}\n`, { mode: 0o600 });
  await chmod(keyFile, 0o600);
  return { created: true, keyFile };
}
