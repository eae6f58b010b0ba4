import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileRatingModel } from './compile-model';
import type { CompiledRatingModel } from './compiled';
import { ModelError } from './errors';

export interface ModelSummary {
  id: string;
  version: string;
  hash: string;
  title: string;
  effectiveFrom: string;
  currency: string;
}

const compareVersions = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let index = 0; index < 3; index += 1) {
    const difference = (x[index] ?? 0) - (y[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
};

/**
 * The rating models this process can rate with. Versions are immutable: the same id and version with different
 * content is refused, so a stored hash always names one document.
 */
export class ModelRegistry {
  private readonly byKey = new Map<string, CompiledRatingModel>();

  constructor(models: readonly CompiledRatingModel[] = []) {
    for (const model of models) this.add(model);
  }

  add(model: CompiledRatingModel): void {
    const key = `${model.id}@${model.version}`;
    const existing = this.byKey.get(key);
    if (existing && existing.hash !== model.hash) {
      throw new ModelError(
        'version',
        `${key} is already loaded with hash ${existing.hash}; a published version is immutable, publish a new version`,
      );
    }
    this.byKey.set(key, model);
  }

  list(): ModelSummary[] {
    return [...this.byKey.values()]
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

  get(id: string, version: string): CompiledRatingModel | undefined {
    return this.byKey.get(`${id}@${version}`);
  }

  /** The model in force on a date: the latest version of `id` whose effectiveFrom is on or before it. */
  inForce(id: string, onDate: string): CompiledRatingModel | undefined {
    let best: CompiledRatingModel | undefined;
    for (const model of this.byKey.values()) {
      if (model.id !== id || model.effectiveFrom > onDate) continue;
      if (!best || compareVersions(model.version, best.version) > 0) best = model;
    }
    return best;
  }
}

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
