/**
 * `npm run check:structure` bites: on a copy of src/ with wrong-way imports planted, it fails and names each rule;
 * on an unmodified copy it says exactly what it says of the real tree. The real src/ is never written.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/check-structure.mjs');

interface CheckRun {
  code: number;
  stdout: string;
}

function runCheck(root?: string): Promise<CheckRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, root ? [SCRIPT, root] : [SCRIPT], { cwd: ROOT }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      if (stderr.trim()) return reject(new Error(`check:structure wrote to stderr:\n${stderr}`));
      resolve({ code: error ? Number(error.code) : 0, stdout });
    });
  });
}

const copies: string[] = [];

/** A copy of src/ (and node_modules linked, so packages resolve as in the real tree) with `files` written over it. */
async function copyOfSource(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'uw-structure-'));
  copies.push(root);
  await cp(join(ROOT, 'src'), join(root, 'src'), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

afterAll(async () => {
  for (const root of copies) await rm(root, { recursive: true, force: true });
});

describe('npm run check:structure', () => {
  it('says of an unmodified copy of src/ exactly what it says of the real tree', async () => {
    const [real, copy] = await Promise.all([runCheck(), copyOfSource().then(runCheck)]);
    expect(copy).toEqual(real);
    expect(real.stdout).toMatch(/check:structure: (\d+) of \1 files of src\/ read/);
  });

  it('fails on wrong-way imports, type-only ones included, and names the rule of each', async () => {
    const root = await copyOfSource({
      'src/db/planted.ts': 'export const plantedTable = 1;\nexport type PlantedRow = { id: number };\n',
      'src/domain/planted-value.ts': "import { plantedTable } from '../db/planted';\nexport const x = plantedTable;\n",
      'src/domain/planted-type.ts':
        "import type { PlantedRow } from '../db/planted';\nexport const y = (row: PlantedRow) => row.id;\n",
      'src/codegen/planted.ts': "import { x } from '../domain/planted-value';\nexport const z = x;\n",
      'src/http/planted.ts': "import type { PlantedRow } from '../db/planted';\nexport type R = PlantedRow;\n",
      'src/services/planted.ts': "import type { R } from '../http/planted';\nexport type S = R;\n",
      'src/models/planted.ts': "import type { S } from '../services/planted';\nexport type M = S;\n",
      'src/logger-user.ts': '',
      'tests/planted.ts': 'export const fixture = 1;\n',
      'src/db/planted-fixture.ts': "import { fixture } from '../../tests/planted';\nexport const f = fixture;\n",
    });
    const { code, stdout } = await runCheck(root);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    for (const expected of [
      'domain-layer: src/domain/planted-value.ts -> src/db/planted.ts',
      'domain-layer: src/domain/planted-type.ts -> src/db/planted.ts',
      'codegen-layer: src/codegen/planted.ts -> src/domain/planted-value.ts',
      'http-never-imports-db: src/http/planted.ts -> src/db/planted.ts',
      'only-server-imports-http: src/services/planted.ts -> src/http/planted.ts',
      'models-layer: src/models/planted.ts -> src/services/planted.ts',
      'src-never-imports-tests-or-scripts: src/db/planted-fixture.ts -> tests/planted.ts',
      'check not trustworthy: src/logger-user.ts is in no layer (see KNOWN_PLACES in this script)',
    ]) {
      expect(lines).toContain(expected);
    }
  });

  it('fails on an import cycle, also when one of its edges is type-only', async () => {
    const root = await copyOfSource({
      'src/domain/planted-a.ts': "import { b } from './planted-b';\nexport type A = { b: typeof b };\n",
      'src/domain/planted-b.ts': "import type { A } from './planted-a';\nexport const b = (a: A) => a;\n",
    });
    const { code, stdout } = await runCheck(root);
    expect(code).toBe(1);
    expect(stdout.split('\n')).toContain(
      'no-circular: src/domain/planted-a.ts -> src/domain/planted-b.ts -> src/domain/planted-a.ts',
    );
  });
});
