import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ratingModels } from '../schema';

export type RatingModelRow = typeof ratingModels.$inferSelect;
export type RatingModelSummaryRow = Omit<RatingModelRow, 'canonical'>;

const summary = {
  id: ratingModels.id,
  version: ratingModels.version,
  hash: ratingModels.hash,
  title: ratingModels.title,
  effectiveFrom: ratingModels.effectiveFrom,
  currency: ratingModels.currency,
  source: ratingModels.source,
  publishedAt: ratingModels.publishedAt,
  publishedByKeyId: ratingModels.publishedByKeyId,
};

export function listRatingModels(db: Executor, id?: string): Promise<RatingModelSummaryRow[]> {
  return db
    .select(summary)
    .from(ratingModels)
    .where(id ? eq(ratingModels.id, id) : undefined)
    .orderBy(asc(ratingModels.id), asc(ratingModels.publishedAt));
}

export async function findRatingModel(db: Executor, id: string, version: string): Promise<RatingModelRow | undefined> {
  const [row] = await db
    .select()
    .from(ratingModels)
    .where(and(eq(ratingModels.id, id), eq(ratingModels.version, version)));
  return row;
}

/** The version's content hash alone: what a reader needs when it holds the compiled model already. */
export async function findRatingModelHash(db: Executor, id: string, version: string): Promise<string | undefined> {
  const [row] = await db
    .select({ hash: ratingModels.hash })
    .from(ratingModels)
    .where(and(eq(ratingModels.id, id), eq(ratingModels.version, version)));
  return row?.hash;
}

export async function insertRatingModel(db: Executor, row: typeof ratingModels.$inferInsert): Promise<void> {
  await db.insert(ratingModels).values(row);
}
