import type { CompiledRatingModel } from '../models/compiled';
import { addDays } from './calendar';
import { POSTURE_FIELD_BY_PATH } from './facts/posture-fields';
import type { Posture } from './posture';

export interface UnknownAnswer {
  /** Posture field path, e.g. `access.mfa.remote`. */
  field: string;
  /** The answer it was scored as. */
  assumed: unknown;
  /** What the model does about it: ask for it before or after binding, refer it, or nothing. */
  action: 'subjectivity' | 'referral' | 'none';
  timing: 'pre_bind' | 'post_bind';
}

export interface ResolvedPosture {
  /** Every field answered: the applicant's answer, or the model's assumption for an unknown or moot field. */
  posture: Record<string, unknown>;
  unknowns: UnknownAnswer[];
  notApplicable: string[];
  /** Applicable fields answered / applicable fields. */
  completeness: number;
}

const POSTURE_ORDER = new Map([...POSTURE_FIELD_BY_PATH.keys()].map((path, index) => [path, index]));

function read(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function write(root: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let current = root;
  const last = segments.length - 1;
  for (let index = 0; index < last; index += 1) {
    const segment = segments[index]!;
    let next = current[segment];
    if (next === null || next === undefined || typeof next !== 'object') {
      next = {};
      current[segment] = next;
    }
    current = next as Record<string, unknown>;
  }
  current[segments[last]!] = value;
}

function assumedValue(assume: unknown, asOf: string): unknown {
  if (typeof assume === 'object' && assume !== null && 'daysBeforeRating' in assume) {
    return addDays(asOf, -(assume as { daysBeforeRating: number }).daysBeforeRating);
  }
  return Array.isArray(assume) ? [] : assume;
}

/**
 * Fills every unanswered posture field with the model's assumption (DESIGN.md section 2, unknown answers). A
 * field whose parent answer makes it moot is not applicable: scored as the assumption, but neither unknown nor
 * counted against completeness. Unknowns price pessimistically through the assumption; they never decline.
 */
export function resolveUnknowns(posture: Posture, model: CompiledRatingModel, asOf: string): ResolvedPosture {
  const filled: Record<string, unknown> = {};
  const unknowns: UnknownAnswer[] = [];
  const notApplicable: string[] = [];
  let applicable = 0;
  for (const [path, handling] of model.unknowns) {
    const field = POSTURE_FIELD_BY_PATH.get(path)!;
    const condition = handling.applicableWhen;
    if (condition) {
      const parent = POSTURE_FIELD_BY_PATH.get(condition.field)!;
      if (!condition.in.includes(read(filled, parent.segments) as string | boolean)) {
        notApplicable.push(path);
        write(filled, field.segments, assumedValue(handling.assume, asOf));
        continue;
      }
    }
    applicable += 1;
    const answer = read(posture, field.segments);
    if (answer === null || answer === undefined) {
      const assumed = assumedValue(handling.assume, asOf);
      write(filled, field.segments, assumed);
      unknowns.push({ field: path, assumed, action: handling.onUnknown, timing: handling.timing });
    } else {
      write(filled, field.segments, answer);
    }
  }
  const completeness =
    applicable === 0 ? 1 : Math.round(((applicable - unknowns.length) / applicable) * 10_000) / 10_000;
  // Keep the model's reporting order stable: posture order, not processing order.
  unknowns.sort((a, b) => POSTURE_ORDER.get(a.field)! - POSTURE_ORDER.get(b.field)!);
  notApplicable.sort((a, b) => POSTURE_ORDER.get(a)! - POSTURE_ORDER.get(b)!);
  return { posture: filled, unknowns, notApplicable, completeness };
}
