import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client';
import { type CatalogRow, catalogByVersion, insertCatalog, KEV_SOURCE } from '../../db/queries/kev';
import { lockVersion } from '../../db/queries/version-locks';
import { addDays } from '../../domain/calendar';
import { contentHash } from '../../domain/canonical';
import { isEndOfLifeAction, KevCatalogDocument } from '../../domain/kev/catalog';
import { formatPath } from '../../domain/paths';
import { appendAuditEvent } from '../audit/append';
import type { ChangeFeed } from '../cache/change-feed';
import type { Actor } from '../context';
import { ConflictError, InvalidError } from '../errors';

export interface ImportResult {
  catalog: CatalogRow;
  /** False when this exact version was already loaded: importing it again changes nothing. */
  created: boolean;
}

/**
 * Imports CISA's KEV catalog as published, whole or not at all: a malformed file, or one released after the end
 * of tomorrow by `today`, is refused with the path of its first bad entry, and the catalog row and every entry are written in one transaction. Versions are immutable:
 * the same version with other content is refused. An import is an audit event on the importing carrier's chain.
 * `changes` is this process's change feed, so its next rating matches against the new catalog at once.
 */
export async function storeKevCatalog(
  db: Database,
  document: unknown,
  actor?: Actor,
  changes?: ChangeFeed,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<ImportResult> {
  const parsed = KevCatalogDocument.safeParse(document);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    throw new InvalidError('The KEV catalog is malformed; nothing was imported.', [
      { path: formatPath(first?.path ?? []) || '(body)', message: first?.message ?? 'invalid' },
    ]);
  }
  const catalog = parsed.data;
  // The loaded catalog is the latest released, so one dated in the future would stay loaded over every real one
  // imported after it. A day of grace covers time zones and a feed published just after midnight.
  const latestAcceptable = `${addDays(today, 2)}T00:00:00.000Z`;
  if (new Date(catalog.dateReleased).getTime() > new Date(latestAcceptable).getTime()) {
    throw new InvalidError('The KEV catalog is dated in the future; nothing was imported.', [
      { path: 'dateReleased', message: `must be no later than ${latestAcceptable}, the end of tomorrow (UTC)` },
    ]);
  }
  const hash = contentHash(document);
  const result = await db.transaction(async (tx): Promise<ImportResult> => {
    await lockVersion(tx, KEV_SOURCE, catalog.catalogVersion);
    const existing = await catalogByVersion(tx, catalog.catalogVersion);
    if (existing) {
      if (existing.contentHash === hash) return { catalog: existing, created: false };
      throw new ConflictError(
        `KEV catalog version ${catalog.catalogVersion} is already loaded with different content; a version is immutable.`,
      );
    }
    const id = randomUUID();
    const row = await insertCatalog(
      tx,
      {
        id,
        source: KEV_SOURCE,
        version: catalog.catalogVersion,
        releasedAt: new Date(catalog.dateReleased),
        entryCount: catalog.vulnerabilities.length,
        contentHash: hash,
      },
      catalog.vulnerabilities.map((entry) => ({
        catalogId: id,
        cveId: entry.cveID,
        vendorProject: entry.vendorProject,
        product: entry.product,
        vulnerabilityName: entry.vulnerabilityName,
        dateAdded: entry.dateAdded,
        dueDate: entry.dueDate,
        knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse === 'Known',
        endOfLife: isEndOfLifeAction(entry.requiredAction),
        requiredAction: entry.requiredAction,
        shortDescription: entry.shortDescription,
        notes: entry.notes,
        cwes: entry.cwes,
      })),
    );
    if (actor) {
      await appendAuditEvent(tx, actor, {
        organizationId: actor.organizationId,
        action: 'vulnerability_catalog.imported',
        entityType: 'vulnerability_catalog',
        entityId: `${KEV_SOURCE}@${row.version}`,
        before: null,
        after: {
          version: row.version,
          releasedAt: row.releasedAt.toISOString(),
          count: row.entryCount,
          contentHash: row.contentHash,
        },
      });
    }
    return { catalog: row, created: true };
  });
  if (result.created) changes?.changed('vulnerability_catalogs');
  return result;
}
