/**
 * Runs one benchmark and writes its result as JSON on stdout. `run.ts` starts each in a process of its own, so one
 * bench's warmed-up, specialised code never speeds up or slows down another's.
 */
import { benchComparison } from './comparison';
import { benchEngine } from './engine';
import { benchHttp } from './http';
import { benchInsurability } from './insurability';
import { benchMemory } from './memory';
import { benchPersisted } from './persisted';
import { benchStartup } from './startup';

/** run.ts imports the types only (erased), so importing this module never runs a benchmark. */
export const benches = {
  engine: () => benchEngine(Number(process.env.BENCH_SECONDS ?? 1)),
  comparison: () => benchComparison(),
  selfCheck: () => benchInsurability(),
  http: () => benchHttp(),
  persisted: () => benchPersisted(),
  memory: () => benchMemory(),
  startup: () => benchStartup(),
};
export type BenchName = keyof typeof benches;
export type BenchResult<Name extends BenchName> = Awaited<ReturnType<(typeof benches)[Name]>>;

const name = process.argv[2] as BenchName;
if (!(name in benches)) throw new Error(`no benchmark ${name}; one of ${Object.keys(benches).join(', ')}`);
process.stdout.write(JSON.stringify(await benches[name]()));
process.exit(0);
