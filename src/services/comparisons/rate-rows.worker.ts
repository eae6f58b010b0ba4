import type { KevEntry } from '../../domain/kev/catalog';
import type { CompiledRatingModel } from '../../domain/model/compiled';
import { compileRatingModel } from '../../models/compile-model';
import { type RowTask, rateRows } from './rate-rows';

/** What the serving thread sends: the model by hash and canonical text, the rows to rate as JSON text. */
export interface WorkerShare {
  model: { hash: string; canonical: string };
  /** A RowTask whose catalog entries are `[cveId, entry]` pairs, as JSON. */
  task: string;
}

/** Models compiled in this thread, by content hash: a version never changes, so this never goes stale. */
const compiled = new Map<string, CompiledRatingModel>();

/** A worker thread of the rating pool: compiles the model once per version, then rates the rows it is sent. */
export default function rateRowsInWorker(message: WorkerShare): string {
  let model = compiled.get(message.model.hash);
  if (!model) {
    model = compileRatingModel(JSON.parse(message.model.canonical));
    if (model.hash !== message.model.hash) throw new Error('the model sent does not hash to its hash');
    compiled.set(model.hash, model);
  }
  const task = JSON.parse(message.task) as Omit<RowTask, 'kevCatalog'> & {
    kevCatalog: { version: string; entries: [string, KevEntry][] } | null;
  };
  const kevCatalog = task.kevCatalog && { version: task.kevCatalog.version, entries: new Map(task.kevCatalog.entries) };
  return JSON.stringify(rateRows(model, { ...task, kevCatalog }));
}
