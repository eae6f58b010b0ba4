import { addDays } from './calendar';
import { IDENTIFIER } from './facts/declarations';
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
    plan = { fields, walk: compileWalk(fields) };
    plans.set(model, plan);
  }
  return plan;
}

/**
 * Fills `filled` from `posture` field by field as the plan says, reporting each unknown and each moot field by its
 * index in the plan; answers how many fields were applicable.
 */
type Walk = (
  posture: unknown,
  filled: Record<string, unknown>,
  asOf: string,
  fields: readonly PlannedField[],
  assumed: typeof assumedValue,
  unknown: (index: number, assumed: unknown) => void,
  moot: (index: number) => void,
) => number;

const INHERITED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The plan's walk as straight-line code: reading and writing each field's path by name at run time is a keyed
 * access V8 cannot specialise (megamorphic loads and stores, some sixty fields a rating), where `v.access` is a
 * plain property access. Reads stop at a missing or non-object parent, as a path walk does; writes create the
 * parents, which in `filled` are only ever objects this walk made (no field's path runs through another field).
 */
function compileWalk(fields: readonly PlannedField[]): Walk {
  const paths = new Set(fields.map((field) => field.segments.join('.')));
  for (const field of fields) {
    for (const segment of [...field.segments, ...(field.parentSegments ?? [])]) {
      if (!IDENTIFIER.test(segment) || INHERITED.has(segment))
        throw new Error(`posture field ${field.path}: bad segment`);
    }
    for (let end = 1; end < field.segments.length; end += 1) {
      if (paths.has(field.segments.slice(0, end).join('.'))) throw new Error(`posture field ${field.path} is nested`);
    }
  }
  const read = (root: string, segments: readonly string[]) => [
    `v = ${root};`,
    ...segments.map((segment) => `v = v !== null && typeof v === 'object' ? v.${segment} : undefined;`),
  ];
  const write = (segments: readonly string[], value: string) => [
    'o = f;',
    ...segments.slice(0, -1).map((segment) => `o = o.${segment} ?? (o.${segment} = {});`),
    `o.${segments.at(-1)} = ${value};`,
  ];
  const lines = fields.flatMap((field, index) => {
    const assume = `A(F[${index}].handling.assume, asOf)`;
    const walk = [
      'n += 1;',
      ...read('p', field.segments),
      `if (v === null || v === undefined) { v = ${assume}; U(${index}, v); }`,
      ...write(field.segments, 'v'),
    ];
    if (!field.parentSegments) return walk;
    return [
      ...read('f', field.parentSegments),
      `if (!F[${index}].applicableIn.includes(v)) { M(${index}); ${write(field.segments, assume).join(' ')} } else {`,
      ...walk,
      '}',
    ];
  });
  return new Function(
    'p',
    'f',
    'asOf',
    'F',
    'A',
    'U',
    'M',
    `"use strict";\nlet v, o, n = 0;\n${lines.join('\n')}\nreturn n;`,
  ) as Walk;
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
