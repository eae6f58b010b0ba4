import { compileUnknownWalk, type UnknownWalk } from '../codegen/unknown-walk';
import { addDays } from './calendar';
import { POSTURE_FIELD_BY_PATH } from './facts/posture-fields';
import type { CompiledRatingModel } from './model/compiled';
import type { UnknownHandlingDefinition } from './model/document';
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

/** Fills `filled` from `posture` as the plan says (see src/codegen/unknown-walk.ts). */
type Walk = UnknownWalk<PlannedField>;

/**
 * The model's unknown-answer table as a list to walk: the unconditional fields first and then the conditional ones
 * (whose parents are then filled), each in posture order, with the walk compiled to code. A compiled model never
 * changes, so each is planned once.
 */
interface Plan {
  fields: readonly PlannedField[];
  walk: Walk;
}
const plans = new WeakMap<CompiledRatingModel, Plan>();

function planOf(model: CompiledRatingModel): Plan {
  let plan = plans.get(model);
  if (!plan) {
    const ranks = new Map([...POSTURE_FIELD_BY_PATH.keys()].map((path, index) => [path, index]));
    const fields = [...model.unknowns].map(([path, handling]) => {
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
    plan = { fields, walk: compileUnknownWalk<PlannedField>(`${model.id} ${model.version}`, fields) };
    plans.set(model, plan);
  }
  return plan;
}

function assumedValue(assume: unknown, asOf: string): unknown {
  if (typeof assume === 'object' && assume !== null && 'daysBeforeRating' in assume) {
    return addDays(asOf, -(assume as { daysBeforeRating: number }).daysBeforeRating);
  }
  return Array.isArray(assume) ? [] : assume;
}

/**
 * Fills every unanswered posture field with the model's assumption (docs/model-format.md, Unknown answers). A
 * field whose parent answer makes it moot is not applicable: scored as the assumption, but neither unknown nor
 * counted against completeness. Unknowns price pessimistically through the assumption; they never decline.
 */
export function resolveUnknowns(posture: Posture, model: CompiledRatingModel, asOf: string): ResolvedPosture {
  const filled: Record<string, unknown> = {};
  // Conditional fields are walked after the others, so their unknowns are gathered apart and merged by rank.
  const unconditional: { unknown: UnknownAnswer; rank: number }[] = [];
  const conditional: { unknown: UnknownAnswer; rank: number }[] = [];
  const notApplicable: string[] = [];
  const plan = planOf(model);
  const applicable = plan.walk(
    posture,
    filled,
    asOf,
    plan.fields,
    assumedValue,
    (index, assumed) => {
      const field = plan.fields[index]!;
      const { handling } = field;
      (field.parentSegments ? conditional : unconditional).push({
        unknown: { field: field.path, assumed, action: handling.onUnknown, timing: handling.timing },
        rank: field.rank,
      });
    },
    // Conditional fields are walked in posture order, so this list is in posture order as it grows.
    (index) => notApplicable.push(plan.fields[index]!.path),
  );
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
