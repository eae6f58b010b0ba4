import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding the service's package.json, found upwards from this module, so that shipped files
 * (migrations, rating models) are found alike whether the server runs from `src/` through the TypeScript loader
 * or from the bundle `npm start` builds into `dist/`.
 */
function findProjectRoot(from: string): string {
  for (let directory = from; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) throw new Error(`no package.json above ${from}`);
  }
}

const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

export const projectPath = (...segments: string[]) => join(projectRoot, ...segments);
