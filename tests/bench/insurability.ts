/**
 * One insurability self-check over HTTP for each realistic applicant (its search over combinations included),
 * against the bare baseline route answering a response of the same size, on the same server. Never fails on a
 * number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { routeAgainstBaseline, startBenchServer, type Timing } from './harness';

export interface InsurabilityBenchResult {
  runs: number;
  applicants: { applicant: string; ratings: number; selfCheck: Timing; baseline: Timing; ratio: number }[];
}

export async function benchInsurability(runs = Number(process.env.BENCH_SELF_CHECK_RUNS ?? 30)) {
  const directory = new URL('../fixtures/applicants/', import.meta.url);
  const server = await startBenchServer();
  try {
    const applicants: InsurabilityBenchResult['applicants'] = [];
    for (const file of readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const request = JSON.parse(readFileSync(new URL(file, directory), 'utf8'));
      const body = JSON.stringify({
        profile: request.profile,
        posture: request.posture,
        option: request.options[0],
        asOf: request.asOf,
      });
      const measured = await routeAgainstBaseline(server, '/v1/insurability', body, runs, 3);
      applicants.push({
        applicant: file.replace(/\.json$/, ''),
        ratings: (JSON.parse(measured.first.text) as { search: { ratings: number } }).search.ratings,
        selfCheck: measured.route,
        baseline: measured.baseline,
        ratio: measured.ratio,
      });
    }
    return { runs, applicants } satisfies InsurabilityBenchResult;
  } finally {
    await server.close();
  }
}
