import { createHash } from 'node:crypto';
import { catalogByVersion, catalogEntries } from '../../db/queries/kev';
import { findQuote } from '../../db/queries/quotes';
import { compareResults, type ReplayDifference, ratingInputOf, scheduleStep } from '../../domain/quotes';
import { rate } from '../../domain/rate';
import { requireRole, type ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { storedInputOf } from './shared';

export interface ReplayOutcome {
  quoteId: string;
  identical: boolean;
  differences: ReplayDifference[];
  model: { id: string; version: string; hash: string };
  kevCatalog: { version: string } | null;
  ratingDate: string;
}

/**
 * Re-rates a quote's stored input with its pinned model (and the approving underwriter's schedule, if any) and
 * compares the result with what was stored (docs/workflow.md). It also checks that the stored input still
 * hashes to its recorded hash, that the pinned model version still has its hash, and that the pinned catalog
 * version still holds the entries the input carries. `identical` with no differences is the proof that every
 * cent of the stored premium is what the model makes of that input.
 */
export async function replayQuote(ctx: ServiceContext, id: string): Promise<ReplayOutcome> {
  requireRole(ctx.actor, 'underwriter');
  const row = await findQuote(ctx.db, { kind: 'all' }, id);
  if (!row) throw new NotFoundError('quote');
  const differences: ReplayDifference[] = [];
  const inputHash = createHash('sha256').update(row.ratingInput).digest('hex');
  if (inputHash !== row.ratingInputHash) {
    differences.push({ path: 'ratingInputHash', stored: row.ratingInputHash, replayed: inputHash });
  }
  const stored = storedInputOf(row);
  if (stored.kevCatalog) {
    const catalog = await catalogByVersion(ctx.db, stored.kevCatalog.version);
    const held = catalog
      ? await catalogEntries(
          ctx.db,
          catalog.id,
          stored.kevCatalog.entries.map((entry) => entry.cveID),
        )
      : [];
    const byId = new Map(held.map((entry) => [entry.cveID, entry]));
    for (const entry of stored.kevCatalog.entries) {
      for (const difference of compareResults(entry, byId.get(entry.cveID) ?? {})) {
        differences.push({ ...difference, path: `ratingInput.kevCatalog.entries[${entry.cveID}].${difference.path}` });
      }
    }
  }
  const model = await ctx.models.get(row.modelId, row.modelVersion, ctx.db);
  if (!model || model.hash !== row.modelHash) {
    differences.push({ path: 'model.hash', stored: row.modelHash, replayed: model?.hash ?? null });
  } else {
    const replayed = rate(
      model,
      ratingInputOf(stored),
      row.schedule ? { scheduleAdjustment: scheduleStep(row.schedule) } : {},
    );
    differences.push(...compareResults(row.result, replayed));
  }
  return {
    quoteId: row.id,
    identical: differences.length === 0,
    differences,
    model: { id: row.modelId, version: row.modelVersion, hash: row.modelHash },
    kevCatalog: row.kevCatalogVersion ? { version: row.kevCatalogVersion } : null,
    ratingDate: row.ratingDate,
  };
}
