import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompiledRatingModel } from '../domain/model/compiled';
import { compileRatingModel } from './compile-model';
import { ModelError } from './errors';

export interface ModelSummary {
  id: string;
  version: string;
  hash: string;
  title: string;
  effectiveFrom: string;
  currency: string;
}

export const compareVersions = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let index = 0; index < 3; index += 1) {
    const difference = (x[index] ?? 0) - (y[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
};

/** Compiles every `*.json` in a directory; a bad model stops the load with its file and the path of the problem. */
export async function loadModelDirectory(directory: string): Promise<CompiledRatingModel[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  const models: CompiledRatingModel[] = [];
  for (const file of files) {
    const text = await readFile(join(directory, file), 'utf8');
    try {
      models.push(compileRatingModel(JSON.parse(text)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ModelError(file, `refused: ${reason}`);
    }
  }
  return models;
}
