/**
 * `npm run bench`: prints figures as ratios against a baseline measured in the same run on the same machine, plus
 * the absolute numbers, and writes them as JSON to tests/bench/results/ for comparing runs. Never fails on a number.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { benchComparison } from './comparison';
import type { benchEngine } from './engine';
import type { benchInsurability } from './insurability';

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};

// Each benchmark in a fresh process: code a previous one warmed up and specialised would skew the next.
function inOwnProcess<T>(name: string): T {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', new URL('./one.ts', import.meta.url).pathname, name],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(output) as T;
}
const engine = inOwnProcess<Awaited<ReturnType<typeof benchEngine>>>('engine');
const comparison = inOwnProcess<Awaited<ReturnType<typeof benchComparison>>>('comparison');
const selfCheck = inOwnProcess<Awaited<ReturnType<typeof benchInsurability>>>('selfCheck');
const results = { date: new Date().toISOString(), machine, engine, comparison, selfCheck };

console.log(`\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
console.table({
  'engine: model-driven (ratings/s)': { value: engine.modelDriven.ratingsPerSecond },
  'engine: hand-written baseline (ratings/s)': { value: engine.handWritten.ratingsPerSecond },
  'engine: ratio model-driven / hand-written (target >= 0.5)': { value: engine.ratio },
});
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
console.log(
  `\ncomparison of ${comparison.applicants} inline applicants over HTTP (${mib(comparison.requestBytes)} in, ${mib(comparison.responseBytes)} out), ${comparison.runs} runs after warm-up:`,
);
console.table({
  'POST /v1/comparisons (target: median <= 250 ms)': comparison.comparison,
  'baseline: bare Hono route, same body parsed, same-size response': comparison.baseline,
});
console.table({ 'ratio comparison / baseline (medians)': { value: comparison.ratio } });
console.log('where the time goes, in-process (median ms per stage for the 1,000 applicants):');
console.table(Object.fromEntries(Object.entries(comparison.stages).map(([stage, ms]) => [stage, { ms }])));
console.log(`\nPOST /v1/insurability, one self-check per realistic applicant, ${selfCheck.runs} runs after warm-up:`);
console.table(
  Object.fromEntries(
    selfCheck.applicants.map((entry) => [
      entry.applicant,
      {
        ratings: entry.ratings,
        'median ms': entry.selfCheck.medianMs,
        'p95 ms': entry.selfCheck.p95Ms,
        'baseline median ms': entry.baseline.medianMs,
        ratio: entry.ratio,
      },
    ]),
  ),
);
const directory = new URL('./results/', import.meta.url);
mkdirSync(directory, { recursive: true });
const file = new URL(`bench-${results.date.replaceAll(':', '-')}.json`, directory);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`results written to ${file.pathname}`);
