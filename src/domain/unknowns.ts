import type { CompiledRatingModel } from '../models/compiled';
import type { UnknownHandlingDefinition } from '../models/schema';
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

/** One posture field as `resolveUnknowns` walks it, prepared once per model. */
interface PlannedField {
  path: string;
  segments: readonly string[];
  handling: UnknownHandlingDefinition;
  /** The parent answer that makes the field applicable, and the values that do. */
  parentSegments: readonly string[] | null;
  applicableIn: readonly unknown[];
  /** Position in the posture's own order, for reporting. */
  rank: number;
}

/**
 * The model's unknown-answer table as a list to walk: the unconditional fields first and then the conditional ones
 * (whose parents are then filled), each in posture order. A compiled model never changes, so each is planned once.
 */
const plans = new WeakMap<CompiledRatingModel, readonly PlannedField[]>();

function planOf(model: CompiledRatingModel): readonly PlannedField[] {
  let plan = plans.get(model);
  if (!plan) {
    const ranks = new Map([...POSTURE_FIELD_BY_PATH.keys()].map((path, index) => [path, index]));
    plan = [...model.unknowns].map(([path, handling]) => {
      const condition = handling.applicableWhen;
      return {
        path,
        segments: POSTURE_FIELD_BY_PATH.get(path)!.segments,
        handling,
        parentSegments: condition ? POSTURE_FIELD_BY_PATH.get(condition.field)!.segments : null,
        applicableIn: condition ? condition.in : [],
        rank: ranks.get(path)!,
      };
    });
    plans.set(model, plan);
  }
  return plan;
}

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
  // Conditional fields are walked after the others, so their unknowns are gathered apart and merged by rank.
  const unconditional: { unknown: UnknownAnswer; rank: number }[] = [];
  const conditional: { unknown: UnknownAnswer; rank: number }[] = [];
  const notApplicable: string[] = [];
  let applicable = 0;
  for (const field of planOf(model)) {
    const { handling } = field;
    if (field.parentSegments && !field.applicableIn.includes(read(filled, field.parentSegments))) {
      // Conditional fields are walked in posture order, so this list is in posture order as it grows.
      notApplicable.push(field.path);
      write(filled, field.segments, assumedValue(handling.assume, asOf));
      continue;
    }
    applicable += 1;
    const answer = read(posture, field.segments);
    if (answer === null || answer === undefined) {
      const assumed = assumedValue(handling.assume, asOf);
      write(filled, field.segments, assumed);
      (field.parentSegments ? conditional : unconditional).push({
        unknown: { field: field.path, assumed, action: handling.onUnknown, timing: handling.timing },
        rank: field.rank,
      });
    } else {
      write(filled, field.segments, answer);
    }
  }
  const unknownCount = unconditional.length + conditional.length;
  const completeness = applicable === 0 ? 1 : Math.round(((applicable - unknownCount) / applicable) * 10_000) / 10_000;
  // The model's reporting order is the posture's order, not the walking order.
  const unknowns: UnknownAnswer[] = [];
  for (let first = 0, second = 0; first < unconditional.length || second < conditional.length; ) {
    const takeFirst =
      second >= conditional.length ||
      (first < unconditional.length && unconditional[first]!.rank < conditional[second]!.rank);
    unknowns.push((takeFirst ? unconditional[first++] : conditional[second++])!.unknown);
  }
  return { posture: filled, unknowns, notApplicable, completeness };
}
