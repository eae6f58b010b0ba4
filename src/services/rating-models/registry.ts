import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import {
  findRatingModel,
  findRatingModelHash,
  insertRatingModel,
  listRatingModels,
  type RatingModelSummaryRow,
} from '../../db/queries/rating-models';
import type { CompiledRatingModel } from '../../domain/model/compiled';
import { compileRatingModel } from '../../models/compile-model';
import { ModelError } from '../../models/errors';
import { compareVersions, type ModelSummary } from '../../models/registry';
import { type ChangeFeed, ReadCache } from '../cache/change-feed';

const SEED_LOCK_KEY = 7_310_424_993;

/**
 * The rating models, as the database holds them (docs/model-format.md): every process reads the same
 * registry. Compiled models are cached by content hash; a version never changes, so that cache never goes stale.
 * With a change feed, which versions of a model exist (what `inForce` chooses from) is kept too, until
 * rating_models changes: a version published through one process is in force in every other within the
 * notification's latency, and at once in the one that published it. A pinned version and the lists are read at once.
 */
export class ModelRegistry {
  private readonly compiled = new Map<string, CompiledRatingModel>();
  private readonly versions: ReadCache<string, RatingModelSummaryRow[]>;

  constructor(
    private readonly db: Executor,
    precompiled: readonly CompiledRatingModel[] = [],
    private readonly changes?: ChangeFeed,
  ) {
    for (const model of precompiled) this.compiled.set(model.hash, model);
    this.versions = new ReadCache(changes, ['rating_models'], 100);
  }

  async list(): Promise<ModelSummary[]> {
    const rows = await listRatingModels(this.db);
    return rows
      .sort((a, b) => a.id.localeCompare(b.id) || compareVersions(a.version, b.version))
      .map(({ id, version, hash, title, effectiveFrom, currency }) => ({
        id,
        version,
        hash,
        title,
        effectiveFrom,
        currency,
      }));
  }

  /**
   * `db` is the caller's transaction when there is one: an embedded database has a single connection, so a read
   * outside an open transaction would wait for it forever.
   */
  async get(id: string, version: string, db: Executor = this.db): Promise<CompiledRatingModel | undefined> {
    const hash = await findRatingModelHash(db, id, version);
    return hash === undefined ? undefined : this.compiledAs(id, version, hash, db);
  }

  /** The model in force on a date: the latest version of `id` whose effectiveFrom is on or before it. */
  async inForce(id: string, onDate: string, db: Executor = this.db): Promise<CompiledRatingModel | undefined> {
    const versions = (await this.versions.get(id, () => listRatingModels(db, id)))!;
    let latest: RatingModelSummaryRow | undefined;
    for (const row of versions) {
      if (row.effectiveFrom <= onDate && (!latest || compareVersions(row.version, latest.version) > 0)) latest = row;
    }
    return latest ? this.compiledAs(id, latest.version, latest.hash, db) : undefined;
  }

  /**
   * The compiled model of a registered version. The document (some 150 KB) is read only the first time its hash
   * is met: reading it on every rating cost more than the rating itself.
   */
  private async compiledAs(id: string, version: string, hash: string, db: Executor): Promise<CompiledRatingModel> {
    const cached = this.compiled.get(hash);
    if (cached) return cached;
    const row = await findRatingModel(db, id, version);
    if (!row) throw new Error(`rating model ${id}@${version} disappeared while it was read`);
    const model = compileRatingModel(JSON.parse(row.canonical));
    if (model.hash !== row.hash) throw new Error(`rating model ${id}@${version} does not hash to its recorded hash`);
    this.compiled.set(row.hash, model);
    return model;
  }

  /**
   * A version published through this process, once committed: kept compiled, so the next read need not compile it
   * again, and in force here at once rather than when the database's announcement arrives.
   */
  published(model: CompiledRatingModel): void {
    this.compiled.set(model.hash, model);
    this.changes?.changed('rating_models');
  }
}

/**
 * Registers the models shipped in models/ at start-up, under a transaction-scoped advisory lock so processes
 * starting together agree. A shipped file whose id and version are registered with other content stops start-up:
 * a published version is immutable, so a change must be a new version.
 */
export async function seedModels(db: Database, models: readonly CompiledRatingModel[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    for (const model of models) {
      const existing = await findRatingModel(tx, model.id, model.version);
      if (existing && existing.hash !== model.hash) {
        throw new ModelError(
          `${model.id}@${model.version}`,
          `is registered with hash ${existing.hash} but the file now hashes to ${model.hash}; publish the change as a new version`,
        );
      }
      if (!existing) await insertRatingModel(tx, toRow(model, 'seed', null));
    }
  });
}

export const summarize = ({ id, version, hash, title, effectiveFrom, currency }: ModelSummary): ModelSummary => ({
  id,
  version,
  hash,
  title,
  effectiveFrom,
  currency,
});

export function toRow(model: CompiledRatingModel, source: 'seed' | 'api', publishedByKeyId: string | null) {
  return { ...summarize(model), canonical: model.canonical, source, publishedByKeyId };
}
