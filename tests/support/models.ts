import { fileURLToPath } from 'node:url';
import type { CompiledRatingModel } from '../../src/models/compiled';
import { loadModelDirectory, ModelRegistry } from '../../src/models/registry';

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

export async function testModels(): Promise<ModelRegistry> {
  return new ModelRegistry(await allTestModels());
}

export async function testModel(id: string): Promise<CompiledRatingModel> {
  const model = (await allTestModels()).find((candidate) => candidate.id === id);
  if (!model) throw new Error(`no test model ${id}`);
  return model;
}
