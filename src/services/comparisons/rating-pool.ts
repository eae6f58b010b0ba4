import { Piscina } from 'piscina';
import type { CompiledRatingModel } from '../../domain/model/compiled';
import { type RowOutcome, type RowTask, rateRows } from './rate-rows';
import type { WorkerShare } from './rate-rows.worker';

/**
 * The worker's module: beside this one when running from source (tests, `npm run dev`), loaded through the
 * TypeScript loader; in the bundle `npm start` runs, the worker bundle built next to it (scripts/start.mjs).
 */
function workerEntry(): { filename: string; execArgv?: string[] } {
  if (import.meta.url.endsWith('.ts')) {
    return { filename: new URL('./rate-rows.worker.ts', import.meta.url).href, execArgv: ['--import', 'tsx'] };
  }
  return { filename: new URL('./rate-rows.worker.js', import.meta.url).href };
}

/** Below this many rows a share is not worth a message to another thread. */
const MIN_ROWS_PER_SHARE = 100;

/**
 * Rates a large batch (a comparison, later a book re-rated under a new model) across worker threads as well as
 * the calling thread: the batch is cut into one share per thread, the caller rates its own share while the workers
 * rate theirs, and the outcomes come back in order. Small batches are rated in the caller alone. Ratings are pure,
 * so a row's outcome is the same whichever thread rates it.
 */
export class RatingPool {
  private pool: Piscina | undefined;

  constructor(readonly workerThreads: number) {}

  private workers(): Piscina {
    this.pool ??= new Piscina({
      ...workerEntry(),
      minThreads: 0,
      maxThreads: this.workerThreads,
      idleTimeout: 60_000,
    });
    return this.pool;
  }

  async rateRows(model: CompiledRatingModel, task: RowTask): Promise<RowOutcome[]> {
    const shares = Math.min(this.workerThreads + 1, Math.floor(task.rows.length / MIN_ROWS_PER_SHARE));
    if (shares <= 1) return rateRows(model, task);
    const size = Math.ceil(task.rows.length / shares);
    const slices = Array.from({ length: shares }, (_, share) => task.rows.slice(share * size, (share + 1) * size));
    const sent = { hash: model.hash, canonical: model.canonical };
    const kevCatalog = task.kevCatalog && { version: task.kevCatalog.version, entries: [...task.kevCatalog.entries] };
    // Shares travel as JSON text: for these plain trees, stringify and parse together cost about half of a
    // structured clone, and the serving thread pays only the cheaper half. Rows are JSON from the request and
    // outcomes become JSON in the response, so nothing is lost on the way.
    const elsewhere = slices.slice(1).map(async (rows) => {
      const share: WorkerShare = { model: sent, task: JSON.stringify({ ...task, kevCatalog, rows }) };
      return JSON.parse((await this.workers().run(share)) as string) as RowOutcome[];
    });
    // The caller's own share runs while the workers run theirs; a failure still waits for them to settle.
    let own: RowOutcome[];
    try {
      own = rateRows(model, { ...task, rows: slices[0]! });
    } catch (error) {
      await Promise.allSettled(elsewhere);
      throw error;
    }
    return [own, ...(await Promise.all(elsewhere))].flat();
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
