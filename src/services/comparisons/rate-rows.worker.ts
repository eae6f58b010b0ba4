import { compileRatingModel } from '../../models/compile-model';
import type { CompiledRatingModel } from '../../models/compiled';
import { type RowTask, rateRows } from './rate-rows';

/** Models compiled in this thread, by content hash: a version never changes, so this never goes stale. */
const compiled = new Map<string, CompiledRatingModel>();

/** A worker thread of the rating pool: compiles the model once per version, then rates the rows it is sent. */
export default function rateRowsInWorker(message: { model: { hash: string; canonical: string }; task: RowTask }) {
  let model = compiled.get(message.model.hash);
  if (!model) {
    model = compileRatingModel(JSON.parse(message.model.canonical));
    if (model.hash !== message.model.hash) throw new Error('the model sent does not hash to its hash');
    compiled.set(model.hash, model);
  }
  return rateRows(model, message.task);
}
