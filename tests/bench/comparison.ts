/**
 * A comparison of 1,000 inline applicants answered over HTTP end to end (a real server on a free port, the app on
 * an in-memory PGlite database with the KEV catalog loaded), against a baseline measured in the same run on the
 * same server: a bare Hono route that parses the same body and answers a response of the same size. Also times
 * the stages of the work in-process, to show where the time goes. Never fails on a number.
 */

import { comparisonBasis, comparisonRow } from '../../src/domain/comparison';
import { loadModelDirectory } from '../../src/models/registry';
import { parseInlineApplicant } from '../../src/services/comparisons/rate-rows';
import { rateOrRefuse } from '../../src/services/rating/rate-checked';
import { applicantSet } from '../support/applicant-sets';
import { BENCH_AS_OF, routeAgainstBaseline, startBenchServer, type Timing, timing } from './harness';

export interface ComparisonBenchResult {
  applicants: number;
  requestBytes: number;
  responseBytes: number;
  runs: number;
  comparison: Timing;
  baseline: Timing;
  /** Comparison median over baseline median. */
  ratio: number;
  /** Median in-process milliseconds per stage for the same 1,000 applicants. */
  stages: Record<string, number>;
}

const AS_OF = BENCH_AS_OF;
const OPTION = {
  limit: { amount: 100_000_000, currency: 'USD' },
  retention: { amount: 2_500_000, currency: 'USD' },
};

const median = (values: readonly number[]) => timing(values).medianMs;

/** In-process, without HTTP or the database: how long each stage of a comparison takes. */
async function stages(body: string, rounds: number): Promise<Record<string, number>> {
  const model = (await loadModelDirectory(new URL('../../models', import.meta.url).pathname)).find(
    (candidate) => candidate.id === 'iot-cyber',
  )!;
  const samples: Record<string, number[]> = { jsonParse: [], validateEntries: [], rateAndRow: [], jsonStringify: [] };
  for (let round = 0; round < rounds; round += 1) {
    let started = performance.now();
    const parsed = JSON.parse(body) as { applicants: unknown[] };
    samples.jsonParse!.push(performance.now() - started);
    started = performance.now();
    // As the comparison's rows are validated, by the compiled parser (rate-rows.ts).
    const entries = parsed.applicants.map((raw) => {
      const entry = parseInlineApplicant(raw);
      if (!entry.success) throw new Error('a benchmark applicant does not validate');
      return entry.data;
    });
    samples.validateEntries!.push(performance.now() - started);
    started = performance.now();
    const basis = comparisonBasis(model);
    const rows = entries.map((entry) => {
      const input = { profile: entry.profile, posture: entry.posture, options: [OPTION], asOf: AS_OF };
      return comparisonRow(rateOrRefuse(model, input, { explained: false }), entry.profile, basis);
    });
    samples.rateAndRow!.push(performance.now() - started);
    started = performance.now();
    JSON.stringify({ rows });
    samples.jsonStringify!.push(performance.now() - started);
  }
  return Object.fromEntries(Object.entries(samples).map(([stage, values]) => [stage, median(values.slice(1))]));
}

export async function benchComparison(
  runs = Number(process.env.BENCH_COMPARISON_RUNS ?? 20),
): Promise<ComparisonBenchResult> {
  const server = await startBenchServer();
  try {
    const applicants = applicantSet(1_000);
    const body = JSON.stringify({ applicants, option: OPTION, asOf: AS_OF });
    const measured = await routeAgainstBaseline(server, '/v1/comparisons', body, runs);
    const rated = (JSON.parse(measured.first.text) as { summary: { rated: number } }).summary.rated;
    if (rated !== applicants.length) throw new Error(`only ${rated} of ${applicants.length} applicants rated`);
    return {
      applicants: applicants.length,
      requestBytes: Buffer.byteLength(body),
      responseBytes: Buffer.byteLength(measured.first.text),
      runs,
      comparison: measured.route,
      baseline: measured.baseline,
      ratio: measured.ratio,
      stages: await stages(body, 8),
    };
  } finally {
    await server.close();
  }
}
