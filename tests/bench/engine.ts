import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { CompiledRatingModel } from '../../src/domain/model/compiled';
import { ScoreRequest } from '../../src/domain/posture';
import { type RatingInput, rate } from '../../src/domain/rate';
import type { RatingResult } from '../../src/domain/rating-result';
import { loadModelDirectory } from '../../src/models/registry';
import { rateHandWritten } from './handwritten/iot-cyber-1.0.0';

export interface EngineBenchResult {
  applicants: number;
  modelDriven: { ratingsPerSecond: number };
  handWritten: { ratingsPerSecond: number };
  /** Model-driven throughput as a share of the hand-written one (target: 0.5 or better). */
  ratio: number;
}

function loadApplicants(): RatingInput[] {
  const directory = new URL('../fixtures/applicants/', import.meta.url);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const request = ScoreRequest.parse(JSON.parse(readFileSync(new URL(file, directory), 'utf8')));
      return { ...request, asOf: request.asOf ?? '2026-11-22' };
    });
}

/** Ratings per second over `rounds` passes through the applicants, after a warm-up. */
function throughput(
  rater: (input: RatingInput) => RatingResult,
  inputs: readonly RatingInput[],
  seconds: number,
): number {
  for (let warm = 0; warm < 2_000; warm += 1) rater(inputs[warm % inputs.length]!);
  let count = 0;
  const started = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let sink = 0;
  while (process.hrtime.bigint() - started < budget) {
    for (const input of inputs) sink += rater(input).premiums.length;
    count += inputs.length;
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink < 0) console.log(sink);
  return count / elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The model-driven engine against a hand-written TypeScript implementation of the same default model, measured
 * in the same run, alternating to spread machine noise over both. Both must agree on every applicant first.
 */
export async function benchEngine(seconds = 1): Promise<EngineBenchResult> {
  const models = await loadModelDirectory(new URL('../../models', import.meta.url).pathname);
  const model = models.find((candidate) => candidate.id === 'iot-cyber') as CompiledRatingModel;
  const inputs = loadApplicants();
  for (const input of inputs) {
    const generic = rate(model, input);
    const handWritten = rateHandWritten(model, input);
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(generic)), JSON.parse(JSON.stringify(handWritten)))) {
      throw new Error(`the hand-written rater disagrees with the engine on ${input.profile.legalName}`);
    }
  }
  const modelDriven: number[] = [];
  const handWritten: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    modelDriven.push(throughput((input) => rate(model, input), inputs, seconds));
    handWritten.push(throughput((input) => rateHandWritten(model, input), inputs, seconds));
  }
  const generic = median(modelDriven);
  const hand = median(handWritten);
  return {
    applicants: inputs.length,
    modelDriven: { ratingsPerSecond: Math.round(generic) },
    handWritten: { ratingsPerSecond: Math.round(hand) },
    ratio: Math.round((generic / hand) * 1000) / 1000,
  };
}
