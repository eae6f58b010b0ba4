/**
 * What `npm start` runs: bundles the server (and the rating worker) with esbuild into `dist/<content hash>/`, then
 * runs the bundle in this process. Plain JavaScript, so the server needs no TypeScript loader at run time: the
 * loader's hooks live in a thread of their own, some 35 MiB of resident memory for the life of the process.
 * Bundling takes about half a second and is redone at every start, so a start always runs the current source.
 * Several processes may start at once (CI, a two-process deployment on one checkout): a bundle is written to a
 * private directory and renamed into place, and one that exists already is used as it is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const distDir = join(root, 'dist');
/** A bundle of other source is removed once it is this old: a process still running from it has long loaded it. */
const STALE_AFTER_MS = 7 * 86_400_000;

async function bundle() {
  const staging = join(distDir, `.staging-${randomUUID()}`);
  const result = await build({
    absWorkingDir: root,
    entryPoints: { server: 'src/server.ts', 'rate-rows.worker': 'src/services/comparisons/rate-rows.worker.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    outdir: staging,
    write: false,
    logLevel: 'warning',
  });
  await stop();
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(relative(staging, file.path)).update(file.contents);
  const target = join(distDir, hash.digest('hex').slice(0, 16));
  const exists = await stat(join(target, 'server.js')).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(staging, { recursive: true });
    await Promise.all(result.outputFiles.map((file) => writeFile(file.path, file.contents)));
    // Another process that bundled the same source may have won the rename: its bundle is this one.
    await rename(staging, target).catch(() => rm(staging, { recursive: true, force: true }));
  }
  return target;
}

async function pruneStaleBundles(current) {
  const now = Date.now();
  for (const entry of await readdir(distDir, { withFileTypes: true })) {
    const path = join(distDir, entry.name);
    if (!entry.isDirectory() || path === current) continue;
    const { mtimeMs } = await stat(path);
    if (now - mtimeMs > STALE_AFTER_MS) await rm(path, { recursive: true, force: true });
  }
}

const bundleDir = await bundle();
await pruneStaleBundles(bundleDir).catch(() => {});
// Stack traces in the logs name the TypeScript source lines, not the bundle's.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(bundleDir, 'server.js')).href);
