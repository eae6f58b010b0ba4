import { fileURLToPath } from 'node:url';
import type { Database } from '../../src/db/client';
import type { CompiledRatingModel } from '../../src/domain/model/compiled';
import { loadModelDirectory } from '../../src/models/registry';
import type { ChangeFeed } from '../../src/services/cache/change-feed';
import { ModelRegistry, seedModels } from '../../src/services/rating-models/registry';

export const PROJECT_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));
export const TEST_MODELS_DIR = fileURLToPath(new URL('../fixtures/models', import.meta.url));

let compiled: Promise<CompiledRatingModel[]> | undefined;

/** The shipped models plus the deliberately different test model, compiled once per test worker. */
export function allTestModels(): Promise<CompiledRatingModel[]> {
  compiled ??= Promise.all([loadModelDirectory(PROJECT_MODELS_DIR), loadModelDirectory(TEST_MODELS_DIR)]).then((sets) =>
    sets.flat(),
  );
  return compiled;
}

/** The registry of a test database, seeded as the server seeds it at start-up. */
export async function testModels(db: Database, changes?: ChangeFeed): Promise<ModelRegistry> {
  const models = await allTestModels();
  await seedModels(db, models);
  return new ModelRegistry(db, models, changes);
}

export async function testModel(id: string): Promise<CompiledRatingModel> {
  const model = (await allTestModels()).find((candidate) => candidate.id === id);
  if (!model) throw new Error(`no test model ${id}`);
  return model;
}
