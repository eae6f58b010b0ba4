/**
 * `npm run check:structure`: the layering of src/ (the rules are in .dependency-cruiser.cjs) and zero import cycles,
 * type-only imports included. Prints each wrong edge as `rule: from -> to` and exits 1 when there is one.
 *
 * It also fails when the cruise cannot be trusted: a parser that reads nothing reports no wrong edges either (the
 * TypeScript parser of dependency-cruiser does exactly that with TypeScript 7 installed). So every .ts file of src/
 * must be among the modules read, every file with an import line must show at least one dependency, and every
 * relative import must resolve to a file.
 *
 * `node scripts/check-structure.mjs [root]` checks the src/ folder of another tree (tests/structure does this on a
 * copy); the rules always come from this repository's .dependency-cruiser.cjs.
 *
 * Plain JavaScript run by node, not TypeScript run by tsx: under tsx's CommonJS interop dependency-cruiser's swc
 * visitor imports as an empty class and reads nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

const CONFIG_PATH = fileURLToPath(new URL('../.dependency-cruiser.cjs', import.meta.url));

/** Where a file of src/ may live; a file elsewhere is under no layer rule, so the check refuses it. */
const KNOWN_PLACES = /^src\/((http|services|models|domain|codegen|db)\/.+|(server|config|logger|project-root)\.ts)$/;

/**
 * @typedef {object} StructureViolation
 * @property {string} rule
 * @property {string} from
 * @property {string} to
 * @property {string[]} [cycle] For `no-circular`: the modules of the cycle, starting and ending with `from`.
 */

/**
 * @typedef {object} StructureReport
 * @property {StructureViolation[]} violations
 * @property {string[]} sourceFiles The .ts files of src/ (paths relative to the root, with `/`).
 * @property {number} modulesRead How many of them dependency-cruiser read.
 * @property {string[]} problems Reasons the cruise itself cannot be trusted; any of them fails the check.
 */

/** @param {string} root @param {string} directory @returns {Promise<string[]>} */
async function listTypeScriptFiles(root, directory) {
  const entries = await readdir(join(root, directory), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** @param {string} root @returns {Promise<StructureReport>} */
export async function checkStructure(root) {
  const absoluteRoot = resolve(root);
  const options = await extractDepcruiseOptions(CONFIG_PATH);
  const previousDirectory = process.cwd();
  /** @type {import('dependency-cruiser').ICruiseResult} */
  let result;
  // dependency-cruiser reads and names files relative to the working directory.
  process.chdir(absoluteRoot);
  try {
    const output = await cruise(['src'], { ...options, baseDir: absoluteRoot });
    result = /** @type {import('dependency-cruiser').ICruiseResult} */ (output.output);
  } finally {
    process.chdir(previousDirectory);
  }

  const sourceFiles = await listTypeScriptFiles(absoluteRoot, 'src');
  const modules = new Map(result.modules.map((module) => [module.source, module]));
  /** @type {string[]} */
  const problems = [];
  let modulesRead = 0;
  for (const file of sourceFiles) {
    const module = modules.get(file);
    if (!KNOWN_PLACES.test(file)) problems.push(`${file} is in no layer (see KNOWN_PLACES in this script)`);
    if (!module) {
      problems.push(`${file} was not read`);
      continue;
    }
    modulesRead += 1;
    const text = await readFile(join(absoluteRoot, file), 'utf8');
    if (/^(import|export) .* from '/m.test(text.replace(/\{[^}]*\}/g, '{}')) && module.dependencies.length === 0) {
      problems.push(`${file} has import lines but no dependency was read from it (is the parser working?)`);
    }
    for (const dependency of module.dependencies) {
      if (dependency.couldNotResolve && dependency.module.startsWith('.')) {
        problems.push(`${file} imports ${dependency.module}, which does not resolve`);
      }
    }
  }
  if (modulesRead < sourceFiles.length) {
    problems.push(`read ${modulesRead} modules of src/, but src/ holds ${sourceFiles.length} .ts files`);
  }

  const violations = result.summary.violations.map((violation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
    ...(violation.cycle ? { cycle: [violation.from, ...violation.cycle.map((step) => step.name)] } : {}),
  }));
  return { violations, sourceFiles, modulesRead, problems };
}

/** @param {StructureViolation} violation @returns {string} */
export function formatViolation(violation) {
  return violation.cycle
    ? `${violation.rule}: ${violation.cycle.join(' -> ')}`
    : `${violation.rule}: ${violation.from} -> ${violation.to}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
  const report = await checkStructure(root);
  for (const violation of report.violations) console.log(formatViolation(violation));
  for (const problem of report.problems) console.log(`check not trustworthy: ${problem}`);
  console.log(
    `check:structure: ${report.modulesRead} of ${report.sourceFiles.length} files of src/ read, ` +
      `${report.violations.length} violation(s), ${report.problems.length} problem(s) with the check itself`,
  );
  if (report.violations.length > 0 || report.problems.length > 0) process.exitCode = 1;
}
