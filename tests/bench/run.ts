/**
 * `npm run bench`: prints figures as ratios against a baseline measured in the same run on the same machine, plus
 * the absolute numbers, and writes them as JSON to tests/bench/results/ for comparing runs. Never fails on a number.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchEngine } from './engine';

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};

const engine = await benchEngine(Number(process.env.BENCH_SECONDS ?? 1));
const results = { date: new Date().toISOString(), machine, engine };

console.log(`\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
console.table({
  'engine: model-driven (ratings/s)': { value: engine.modelDriven.ratingsPerSecond },
  'engine: hand-written baseline (ratings/s)': { value: engine.handWritten.ratingsPerSecond },
  'engine: ratio model-driven / hand-written (target >= 0.5)': { value: engine.ratio },
});
const directory = new URL('./results/', import.meta.url);
mkdirSync(directory, { recursive: true });
const file = new URL(`bench-${results.date.replaceAll(':', '-')}.json`, directory);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`results written to ${file.pathname}`);
