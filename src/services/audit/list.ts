import { listAuditEventRows } from '../../db/queries/audit';
import { requireRole, type ServiceContext } from '../context';
import { decodeCursor, encodeCursor } from '../pagination';

export interface AuditEventView {
  id: string;
  organizationId: string;
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
  actor: { keyId: string | null; role: string | null; organizationId: string | null };
  before: unknown;
  after: unknown;
  occurredAt: string;
  hash: string;
  prevHash: string;
}

/** Newest first, filterable by entity; carrier staff read every chain. */
export async function listAuditEvents(
  ctx: ServiceContext,
  query: { entityType?: string | undefined; entityId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  requireRole(ctx.actor, 'admin', 'underwriter');
  const rows = await listAuditEventRows(
    ctx.db,
    {
      entityType: query.entityType,
      entityId: query.entityId,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      organizationId: row.organizationId,
      seq: row.seq,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      actor: { keyId: row.actorKeyId, role: row.actorRole, organizationId: row.actorOrganizationId },
      before: row.before,
      after: row.after,
      occurredAt: row.occurredAt.toISOString(),
      hash: row.hash,
      prevHash: row.prevHash,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null,
  };
}
