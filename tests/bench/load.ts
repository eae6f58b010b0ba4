/**
 * Load against a route and its bare baseline on the same server: throughput at saturation (autocannon, 50
 * connections), then latency at a fixed rate of half the baseline's measured maximum. At saturation latency says
 * little (it is only connections over throughput); at a rate both can carry it shows what a request costs.
 */
import { Agent, type ClientRequest, request as httpRequest } from 'node:http';
import autocannon from 'autocannon';

export interface LoadTarget {
  origin: string;
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** One body for every request, or a body made afresh for each. */
  body?: string | (() => string);
  /** The status every answer should have; others are counted as failures. */
  status: number;
}

export interface Saturation {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers with another status than expected, plus connection errors and timeouts. */
  failures: number;
}

export interface FixedRate {
  client: 'paced' | 'autocannon';
  targetRate: number;
  achievedRate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failures: number;
  /** Requests still unanswered when the run gave up waiting: the route could not carry the rate. */
  unanswered: number;
}

export interface RouteUnderLoad {
  saturation: Saturation;
  fixedRate: FixedRate;
}

export interface LoadComparison {
  requestBytes: number;
  responseBytes: number;
  route: RouteUnderLoad;
  baseline: RouteUnderLoad;
  /** Route throughput over baseline throughput at saturation, over all rounds (target: 0.5 or more). */
  throughputRatio: number;
  /** The same ratio in each round of the alternation, to show how much the machine drifted during the run. */
  throughputRatioByRound: number[];
  /** Route p50 and p99 over the baseline's, at the fixed rate. */
  p50Ratio: number;
  p99Ratio: number;
  /**
   * The route alone at half its own maximum: the latency its callers see at a load it carries. The fixed rate
   * above is set by the baseline, and is beyond the route's maximum whenever the throughput ratio is under 0.5;
   * its latencies then only measure a growing queue.
   */
  routeAtHalfItsMax: FixedRate;
  /** Further baselines, measured at saturation only, in the same alternated rounds. */
  others: OtherBaseline[];
}

export interface OtherBaseline {
  path: string;
  saturation: Saturation;
  throughputRatio: number;
  throughputRatioByRound: number[];
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole) : Number.NaN);

/** Per run; 8 s keeps the whole `npm run bench` near its 5 minutes (each of http and persisted makes five runs). */
export const benchSeconds = () => Number(process.env.BENCH_HTTP_SECONDS ?? 8);
export const BENCH_CONNECTIONS = 50;

function autocannonOptions(target: LoadTarget): autocannon.Options {
  const { body } = target;
  return {
    url: `${target.origin}${target.path}`,
    method: target.method,
    headers: target.headers,
    ...(typeof body === 'function'
      ? { requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }] }
      : body === undefined
        ? {}
        : { body }),
  };
}

function failuresOf(result: autocannon.Result, status: number) {
  const answered = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
  return answered - (result.statusCodeStats[status]?.count ?? 0) + result.errors;
}

/** Saturation runs of each target, alternated, that make up its figure. */
const SATURATION_ROUNDS = 4;

/** Rounds of one target as one run: throughput over their whole time; latencies the median round's. */
function combined(rounds: readonly Saturation[]): Saturation {
  const seconds = rounds.reduce((sum, each) => sum + each.seconds, 0);
  const requests = rounds.reduce((sum, each) => sum + each.requestsPerSecond * each.seconds, 0);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  return {
    connections: rounds[0]!.connections,
    seconds,
    requestsPerSecond: round(requests / seconds, 0),
    p50Ms: median(rounds.map((each) => each.p50Ms)),
    p99Ms: median(rounds.map((each) => each.p99Ms)),
    failures: rounds.reduce((sum, each) => sum + each.failures, 0),
  };
}

/** Throughput with `connections` connections each sending its next request as soon as it has an answer. */
export async function saturate(target: LoadTarget, seconds: number, connections = BENCH_CONNECTIONS) {
  const result = await autocannon({ ...autocannonOptions(target), connections, duration: seconds });
  return {
    connections,
    seconds,
    requestsPerSecond: round((result.statusCodeStats[target.status]?.count ?? 0) / result.duration, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: failuresOf(result, target.status),
  } satisfies Saturation;
}

/**
 * An open-loop load of `rate` requests a second, evenly spaced, over up to `connections` keep-alive connections;
 * each latency runs from when its request was due, not from when a free connection let it go, so a server that
 * falls behind shows it (no coordinated omission). Used instead of autocannon's `overallRate` by default: that
 * gives each connection a quota per second which it fires back to back as soon as the second starts, so the server
 * sees bursts at saturation and then idles, and its latency correction assumes 1 ms between requests whatever the
 * rate; BENCH_FIXED_RATE_CLIENT=autocannon measures with it anyway, for comparison.
 */
export async function atFixedRate(
  target: LoadTarget,
  rate: number,
  seconds: number,
  connections = BENCH_CONNECTIONS,
): Promise<FixedRate> {
  if (process.env.BENCH_FIXED_RATE_CLIENT === 'autocannon') return autocannonAtRate(target, rate, seconds, connections);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(target.path, target.origin);
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const latencies = new Float64Array(total).fill(Number.NaN);
  let failures = 0;
  let answered = 0;
  let lastAnswer = 0;
  const outstanding = new Set<ClientRequest>();
  const started = performance.now();
  const allAnswered = new Promise<void>((resolve) => {
    const settle = (index: number, ok: boolean) => {
      const now = performance.now();
      latencies[index] = now - (started + index * interval);
      lastAnswer = now;
      if (!ok) failures += 1;
      answered += 1;
      if (answered === total) resolve();
    };
    const send = (index: number) => {
      const body = typeof target.body === 'function' ? target.body() : target.body;
      const headers =
        body === undefined ? target.headers : { ...target.headers, 'Content-Length': Buffer.byteLength(body) };
      const request = httpRequest(url, { method: target.method, headers, agent }, (response) => {
        response.resume();
        response.on('end', () => {
          outstanding.delete(request);
          settle(index, response.statusCode === target.status);
        });
      });
      outstanding.add(request);
      request.on('error', () => {
        if (outstanding.delete(request)) settle(index, false);
      });
      request.end(body);
    };
    let sent = 0;
    const sendWhatIsDue = () => {
      const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(sendWhatIsDue, 1);
    };
    sendWhatIsDue();
  });
  // A route that carries the rate answers its last request moments after it is sent; one that cannot would take
  // ever longer to drain its backlog, so the run gives up on it soon after the last is due.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([allAnswered, new Promise((resolve) => (timer = setTimeout(resolve, seconds * 1000 + 2_000)))]);
  clearTimeout(timer);
  const elapsedMs = (answered === total ? lastAnswer : performance.now()) - started;
  const unanswered = total - answered;
  // Destroyed one by one: the agent alone would open new connections for its queue and keep sending the backlog
  // into the next run.
  for (const request of outstanding) request.destroy();
  outstanding.clear();
  agent.destroy();
  const sorted = latencies.filter((value) => !Number.isNaN(value)).sort();
  // Over every request sent: one still unanswered waited at least as long as the run lasted.
  const percentile = (share: number) => {
    const index = Math.ceil(share * total) - 1;
    return round(index < sorted.length ? sorted[index]! : elapsedMs);
  };
  return {
    client: 'paced',
    targetRate: round(rate, 0),
    achievedRate: round((answered * 1000) / elapsedMs, 0),
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    maxMs: percentile(1),
    failures,
    unanswered,
  };
}

async function autocannonAtRate(target: LoadTarget, rate: number, seconds: number, connections: number) {
  const result = await autocannon({
    ...autocannonOptions(target),
    connections,
    duration: seconds,
    overallRate: Math.round(rate),
  });
  return {
    client: 'autocannon',
    targetRate: Math.round(rate),
    achievedRate: round((result.statusCodeStats[target.status]?.count ?? 0) / result.duration, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    failures: failuresOf(result, target.status),
    unanswered: 0,
  } satisfies FixedRate;
}

/**
 * Warm-up of both, saturation of both, then both at a fixed rate of half the baseline's maximum, and the route at
 * half its own. `others` are further baselines measured at saturation in the same rounds, for a second point of
 * comparison. Fails when the warm-up is answered with another status than expected: figures of error answers
 * would mean nothing.
 */
export async function routeAgainstBaselineUnderLoad(
  route: LoadTarget,
  baseline: LoadTarget,
  sizes: { requestBytes: number; responseBytes: number },
  seconds = benchSeconds(),
  others: readonly LoadTarget[] = [],
): Promise<LoadComparison> {
  // Enough for V8 to optimise the hot paths and for every connection to be open; longer only costs run time.
  const warmUpSeconds = Math.max(1, Math.round(seconds / 5));
  for (const target of [route, baseline, ...others]) {
    const warm = await saturate(target, warmUpSeconds);
    if (warm.failures > 0) throw new Error(`${target.path}: ${warm.failures} failed requests in the warm-up`);
  }
  // Alternating short rounds rather than one long run each: this machine's speed drifts by a third or more over a
  // minute, and a drift that fell on one run alone would be read as the route's cost. Each round measures all.
  const routeRounds: Saturation[] = [];
  const baselineRounds: Saturation[] = [];
  const otherRounds: Saturation[][] = others.map(() => []);
  for (let round = 0; round < SATURATION_ROUNDS; round += 1) {
    routeRounds.push(await saturate(route, seconds / SATURATION_ROUNDS));
    baselineRounds.push(await saturate(baseline, seconds / SATURATION_ROUNDS));
    for (const [index, other] of others.entries()) {
      otherRounds[index]!.push(await saturate(other, seconds / SATURATION_ROUNDS));
    }
  }
  const routeSaturation = combined(routeRounds);
  const baselineSaturation = combined(baselineRounds);
  const ratioByRound = (rounds: readonly Saturation[]) =>
    routeRounds.map((each, at) => ratio(each.requestsPerSecond, rounds[at]!.requestsPerSecond));
  const rate = baselineSaturation.requestsPerSecond / 2;
  // The route at the baseline's rate last: one that cannot carry it leaves the server draining the requests its
  // client gave up on for seconds after the run, which would show in whatever was measured next.
  const baselineFixed = await atFixedRate(baseline, rate, seconds);
  const routeAtHalfItsMax = await atFixedRate(route, routeSaturation.requestsPerSecond / 2, seconds);
  const routeFixed = await atFixedRate(route, rate, seconds);
  return {
    ...sizes,
    route: { saturation: routeSaturation, fixedRate: routeFixed },
    baseline: { saturation: baselineSaturation, fixedRate: baselineFixed },
    throughputRatio: ratio(routeSaturation.requestsPerSecond, baselineSaturation.requestsPerSecond),
    throughputRatioByRound: ratioByRound(baselineRounds),
    p50Ratio: ratio(routeFixed.p50Ms, baselineFixed.p50Ms),
    p99Ratio: ratio(routeFixed.p99Ms, baselineFixed.p99Ms),
    routeAtHalfItsMax,
    others: others.map((other, index) => {
      const saturation = combined(otherRounds[index]!);
      return {
        path: other.path,
        saturation,
        throughputRatio: ratio(routeSaturation.requestsPerSecond, saturation.requestsPerSecond),
        throughputRatioByRound: ratioByRound(otherRounds[index]!),
      };
    }),
  };
}
