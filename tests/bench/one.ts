/**
 * Runs one benchmark and writes its result as JSON on stdout. `run.ts` starts each in a process of its own, so one
 * bench's warmed-up, specialised code never speeds up or slows down another's.
 */
import { benchComparison } from './comparison';
import { benchEngine } from './engine';
import { benchInsurability } from './insurability';

const benches = {
  engine: () => benchEngine(Number(process.env.BENCH_SECONDS ?? 1)),
  comparison: () => benchComparison(),
  selfCheck: () => benchInsurability(),
};

const name = process.argv[2] as keyof typeof benches;
if (!(name in benches)) throw new Error(`no benchmark ${name}; one of ${Object.keys(benches).join(', ')}`);
process.stdout.write(JSON.stringify(await benches[name]()));
process.exit(0);
