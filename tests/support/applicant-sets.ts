import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { posture, profile } from './arbitraries';

type Json = Record<string, unknown>;
export interface InlineApplicant {
  profile: Json & { legalName: string };
  posture: Json;
}

const FIXTURES = new URL('../fixtures/applicants/', import.meta.url);

/** The realistic applicants of tests/fixtures/applicants (ScoreRequest documents), as comparison entries. */
export function fixtureApplicants(): InlineApplicant[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const request = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as InlineApplicant;
      return { profile: request.profile, posture: request.posture };
    });
}

/**
 * `count` varied inline applicants from a fixed seed: the realistic fixtures first, then generated ones (fast-check
 * arbitraries of profiles and postures), each with its own legal name so rows are told apart.
 */
export function applicantSet(count: number, seed = 20_261_122): InlineApplicant[] {
  const fixtures = fixtureApplicants().slice(0, count);
  const generated = fc.sample(fc.record({ profile: profile('USD'), posture: posture('USD') }), {
    numRuns: Math.max(0, count - fixtures.length),
    seed,
  }) as InlineApplicant[];
  return [...fixtures, ...generated].map((applicant, index) => ({
    profile: { ...applicant.profile, legalName: `${applicant.profile.legalName} #${index}` },
    posture: applicant.posture,
  }));
}
