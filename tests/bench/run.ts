/**
 * `npm run bench [-- name ...]`: prints figures as ratios against a baseline measured in the same run on the same
 * machine, plus the absolute numbers and the targets, and writes them as JSON to tests/bench/results/ for comparing
 * runs. Runs every benchmark unless given names (`npm run bench -- http memory`). Never fails on a number; a
 * benchmark that cannot run is reported and the others still run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { startNodeFlags } from '../support/app-process';
import type { LoadComparison } from './load';
import type { BenchName, BenchResult } from './one';

const ALL: BenchName[] = ['engine', 'comparison', 'selfCheck', 'http', 'persisted', 'memory', 'startup'];
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !ALL.includes(name as BenchName));
if (unknown.length > 0) {
  console.error(`no benchmark ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const selected = requested.length > 0 ? ALL.filter((name) => requested.includes(name)) : ALL;

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const settings = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('BENCH_')));

interface Failed {
  failed: string;
}
const seconds: Partial<Record<BenchName, number>> = {};

/**
 * The benchmarks that run the server's code in their own process, under `npm start`'s V8 flags: its
 * young-generation size changes how fast an allocation-heavy batch runs. The others drive a server in a child
 * process of its own (which has the flags) and run only the load generator here, with node's defaults: given the
 * server's small young generation, autocannon spent more of the two cores collecting garbage, which slowed the
 * cheaper baselines more than the routes and overstated the routes' ratios (score 0.42 where it is 0.35).
 */
const RUNS_SERVER_CODE: readonly BenchName[] = ['engine', 'comparison', 'selfCheck'];

// Each benchmark in a fresh process: code a previous one warmed up and specialised would skew the next.
function inOwnProcess<Name extends BenchName>(name: Name): BenchResult<Name> | Failed {
  const started = performance.now();
  try {
    const output = execFileSync(
      process.execPath,
      [
        ...(RUNS_SERVER_CODE.includes(name) ? startNodeFlags() : []),
        '--import',
        'tsx',
        new URL('./one.ts', import.meta.url).pathname,
        name,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return JSON.parse(output) as BenchResult<Name>;
  } catch (error) {
    // Its own stack trace is already on stderr.
    return { failed: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  } finally {
    seconds[name] = Math.round((performance.now() - started) / 100) / 10;
  }
}

const runStarted = performance.now();
const results: { [Name in BenchName]?: BenchResult<Name> | Failed } = {};
for (const name of selected) {
  console.error(`bench ${name} ...`);
  (results as Record<string, unknown>)[name] = inOwnProcess(name);
}
const totalSeconds = Math.round((performance.now() - runStarted) / 1000);

const isFailed = (result: unknown): result is Failed =>
  typeof result === 'object' && result !== null && 'failed' in result;
const isSkipped = (result: unknown): result is { skipped: string } =>
  typeof result === 'object' && result !== null && 'skipped' in result;
/** Prints why a figure is missing; answers whether there is one to print. */
function present(name: BenchName, title: string, result: unknown): boolean {
  if (isFailed(result)) console.log(`\n${title}: FAILED (${result.failed})`);
  else if (isSkipped(result)) console.log(`\n${title}: skipped: ${result.skipped}`);
  else if (result !== undefined) {
    console.log(`\n${title} (${seconds[name]} s):`);
    return true;
  }
  return false;
}
const met = (yes: boolean) => (yes ? 'yes' : 'NO');

console.log(`\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);

const { engine, comparison, selfCheck, http, persisted, memory, startup } = results;
if (present('engine', 'engine, in-process', engine) && engine && !isFailed(engine)) {
  console.table({
    'engine: model-driven (ratings/s)': { value: engine.modelDriven.ratingsPerSecond },
    'engine: hand-written baseline (ratings/s)': { value: engine.handWritten.ratingsPerSecond },
    'engine: ratio model-driven / hand-written (target >= 0.5)': { value: engine.ratio },
  });
}
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
if (
  comparison &&
  !isFailed(comparison) &&
  present(
    'comparison',
    `comparison of ${comparison.applicants} inline applicants over HTTP (${mib(comparison.requestBytes)} in, ${mib(comparison.responseBytes)} out), ${comparison.runs} runs after warm-up`,
    comparison,
  )
) {
  console.table({
    'POST /v1/comparisons (target: median <= 250 ms)': comparison.comparison,
    'baseline: bare Hono route, same body parsed, same-size response': comparison.baseline,
  });
  console.table({ 'ratio comparison / baseline (medians)': { value: comparison.ratio } });
  console.log('where the time goes, in-process (median ms per stage for the 1,000 applicants):');
  console.table(Object.fromEntries(Object.entries(comparison.stages).map(([stage, ms]) => [stage, { ms }])));
} else present('comparison', 'comparison', comparison);
if (
  selfCheck &&
  !isFailed(selfCheck) &&
  present(
    'selfCheck',
    `POST /v1/insurability, one self-check per realistic applicant, ${selfCheck.runs} runs after warm-up`,
    selfCheck,
  )
) {
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
} else present('selfCheck', 'POST /v1/insurability self-checks', selfCheck);

function printLoad(
  measured: LoadComparison,
  route: string,
  baseline: string,
  targets: { throughputRatio?: number; p99Ms?: number },
) {
  const { saturation: routeMax, fixedRate: routeFixed } = measured.route;
  const { saturation: bareMax, fixedRate: bareFixed } = measured.baseline;
  const rate = routeFixed.targetRate;
  const none = { target: '-', met: '-' };
  console.log(
    `  ${measured.requestBytes} B in, ${measured.responseBytes} B out; baseline: ${baseline}; ${routeMax.seconds} s a run after a warm-up`,
  );
  console.log(
    `  saturation alternated in ${measured.throughputRatioByRound.length} rounds of each; ratio by round: ${measured.throughputRatioByRound.join(', ')}`,
  );
  console.table({
    [`throughput at saturation, ${routeMax.connections} connections (req/s)`]: {
      [route]: routeMax.requestsPerSecond,
      baseline: bareMax.requestsPerSecond,
      ratio: measured.throughputRatio,
      ...(targets.throughputRatio === undefined
        ? none
        : {
            target: `ratio >= ${targets.throughputRatio}`,
            met: met(measured.throughputRatio >= targets.throughputRatio),
          }),
    },
    [`p50 at ${rate} req/s, half the baseline's max (ms)`]: {
      [route]: routeFixed.p50Ms,
      baseline: bareFixed.p50Ms,
      ratio: measured.p50Ratio,
      ...none,
    },
    [`p99 at ${rate} req/s (ms)`]: {
      [route]: routeFixed.p99Ms,
      baseline: bareFixed.p99Ms,
      ratio: measured.p99Ratio,
      ...(targets.p99Ms === undefined
        ? none
        : { target: `${route} < ${targets.p99Ms} ms`, met: met(routeFixed.p99Ms < targets.p99Ms) }),
    },
    [`rate answered in the fixed-rate run (req/s, of ${rate})`]: {
      [route]: routeFixed.achievedRate,
      baseline: bareFixed.achievedRate,
      ratio: '',
      ...none,
    },
    [`p50 / p99 at ${measured.routeAtHalfItsMax.targetRate} req/s, half the route's own max (ms)`]: {
      [route]: `${measured.routeAtHalfItsMax.p50Ms} / ${measured.routeAtHalfItsMax.p99Ms}`,
      baseline: '',
      ratio: '',
      ...none,
    },
    'p50 / p99 at saturation (ms; only connections over throughput)': {
      [route]: `${routeMax.p50Ms} / ${routeMax.p99Ms}`,
      baseline: `${bareMax.p50Ms} / ${bareMax.p99Ms}`,
      ratio: '',
      ...none,
    },
  });
  for (const [name, fixed] of [
    [route, routeFixed],
    [baseline, bareFixed],
    [route, measured.routeAtHalfItsMax],
  ] as const) {
    if (fixed.unanswered > 0) {
      console.log(
        `  ${name} could not carry ${fixed.targetRate} req/s: ${fixed.unanswered} requests were unanswered when the run gave up, counted as waiting the whole run (so its latencies are lower bounds)`,
      );
    }
  }
  for (const other of measured.others) {
    console.log(
      `  against ${other.path} at saturation: ${other.saturation.requestsPerSecond} req/s, ratio ${other.throughputRatio} (by round: ${other.throughputRatioByRound.join(', ')})`,
    );
  }
  const failures =
    routeMax.failures +
    bareMax.failures +
    routeFixed.failures +
    bareFixed.failures +
    measured.routeAtHalfItsMax.failures +
    measured.others.reduce((sum, other) => sum + other.saturation.failures, 0);
  if (failures > 0) console.log(`  ${failures} requests failed (wrong status or connection error): see the JSON`);
}

if (present('http', 'POST /v1/score under load (in-memory PGlite)', http) && http && !isSkipped(http)) {
  printLoad(http as LoadComparison, 'POST /v1/score', 'bare Hono route, same body parsed, same-size response', {
    throughputRatio: 0.5,
    p99Ms: 25,
  });
}
if (present('persisted', 'POST /v1/quotes under load (PostgreSQL)', persisted) && persisted && !isSkipped(persisted)) {
  const { assessments, payloadBytes } = persisted as { assessments: number; payloadBytes: number };
  printLoad(
    persisted as LoadComparison,
    'POST /v1/quotes',
    `bare Hono route, same body parsed, one INSERT through postgres.js of a payload the size of a quote's (${payloadBytes} B: the rows a quote wrote, as one json value), same-size response; quotes over ${assessments} assessments`,
    { throughputRatio: 0.4 },
  );
}
if (present('memory', 'server memory (npm start on PostgreSQL)', memory) && memory && !isSkipped(memory)) {
  const figures = memory as Exclude<typeof memory, Failed | { skipped: string }>;
  const mix = Object.entries(figures.mix)
    .map(([request, share]) => `${Math.round(share * 100)}% ${request}`)
    .join(', ');
  console.log(
    `  ${figures.requests.toLocaleString('en')} requests in ${figures.seconds} s (${figures.requestsPerSecond} req/s, ${figures.failures} failed): ${mix}`,
  );
  if (figures.timeCapped) {
    console.log(
      `  stopped by the time cap (BENCH_MEMORY_SECONDS) before ${figures.requestsPlanned.toLocaleString('en')} requests: the figure after requests is after fewer`,
    );
  }
  const row = (value: number | null, target = '-', ok?: boolean) => ({
    MiB: value ?? 'n/a',
    target,
    met: ok === undefined ? '-' : met(ok),
  });
  console.table({
    'RSS at ready': row(figures.rssAtReady),
    'RSS after setup (KEV import, 20 applicants, assessments, quotes)': row(figures.rssAfterSetup),
    [`RSS after ${figures.requests.toLocaleString('en')} requests`]: row(
      figures.rssAfterRequests,
      '< 200 MiB',
      figures.rssAfterRequests < 200,
    ),
    'RSS after 2 s idle': row(figures.rssAfterIdle),
    'peak RSS (VmHWM)': row(figures.rssPeak),
    'V8 heap used after requests (/metrics)': row(figures.heapUsedAfterRequests),
  });
}
if (present('startup', 'start-up to ready (npm start on PGlite)', startup) && startup && !isFailed(startup)) {
  const { freshDataDir: fresh, existingDataDir: existing } = startup;
  const lines = [...new Set([...Object.keys(fresh.logLinesMedianMs), ...Object.keys(existing.logLinesMedianMs)])];
  console.table({
    runs: { fresh: fresh.runs, existing: existing.runs },
    'median ms to the first 200 from /readyz': { fresh: fresh.readyMedianMs, existing: existing.readyMedianMs },
    'min ms': { fresh: fresh.readyMinMs, existing: existing.readyMinMs },
    'max ms': { fresh: fresh.readyMaxMs, existing: existing.readyMaxMs },
    ...Object.fromEntries(
      lines.map((line) => [
        `median ms to log '${line}'`,
        { fresh: fresh.logLinesMedianMs[line] ?? '-', existing: existing.logLinesMedianMs[line] ?? '-' },
      ]),
    ),
  });
  console.log('  (data directory: fresh = PGlite creates it and migrations run; existing = already migrated)');
}

console.log(
  `\n${selected.length} benchmark(s) in ${totalSeconds} s: ${selected.map((name) => `${name} ${seconds[name]} s`).join(', ')}`,
);
const date = new Date().toISOString();
const directory = new URL('./results/', import.meta.url);
mkdirSync(directory, { recursive: true });
const file = new URL(`bench-${date.replaceAll(':', '-')}.json`, directory);
writeFileSync(file, `${JSON.stringify({ date, machine, settings, seconds, totalSeconds, ...results }, null, 2)}\n`);
console.log(`results written to ${file.pathname}`);
if (Object.values(results).some(isFailed)) process.exitCode = 1;
