import { POSTURE_FIELDS, type PostureField } from '../facts/posture-fields';
import { nextBetterAnswer, requirementsMet } from '../improvements';
import type { CompiledRatingModel } from '../model/compiled';
import { Posture } from '../posture';

/** One change to one posture answer, along the model's improvement order. */
export interface PostureChange {
  field: string;
  from: unknown;
  to: unknown;
  effort?: 'low' | 'medium' | 'high';
  note?: string;
}

/** A field an applicant could improve, with every better answer it can move to, smallest move first. */
export interface MovableField {
  field: PostureField;
  current: unknown;
  ladder: readonly unknown[];
  effort?: 'low' | 'medium' | 'high';
  note?: string;
}

type Answers = Record<string, unknown>;

export function answerAt(posture: unknown, segments: readonly string[]): unknown {
  let current = posture;
  for (const segment of segments) current = (current as Answers | null | undefined)?.[segment];
  return current;
}

/** A copy of the posture with the changes applied; sections that were absent are created. */
export function applyChanges(posture: unknown, changes: readonly { field: PostureField; to: unknown }[]) {
  const copy = structuredClone(posture ?? {}) as Answers;
  for (const { field, to } of changes) {
    let current = copy;
    for (const segment of field.segments.slice(0, -1)) {
      if (current[segment] === null || typeof current[segment] !== 'object') current[segment] = {};
      current = current[segment] as Answers;
    }
    current[field.segments.at(-1)!] = to;
  }
  return copy;
}

/**
 * The moves the model's improvement order allows (models/iot-cyber-1.0.0.md): every field with a known answer and a
 * non-neutral order, with the ladder of better answers up to the best. Unknown answers are not moved (the
 * applicant should answer them instead), neutral fields (certificates, frameworks, incidents, liability assumed
 * towards customers) never are, so nothing is invented.
 */
export function movableFields(model: CompiledRatingModel, posture: unknown, asOf: string): MovableField[] {
  const movable: MovableField[] = [];
  for (const field of POSTURE_FIELDS) {
    const improvement = model.improvements.get(field.path);
    if (!improvement || 'neutral' in improvement) continue;
    const current = answerAt(posture, field.segments);
    const ladder: unknown[] = [];
    for (let answer = nextBetterAnswer(field, current, improvement, asOf); answer !== undefined; ) {
      ladder.push(answer);
      answer = nextBetterAnswer(field, answer, improvement, asOf);
    }
    if (ladder.length === 0) continue;
    movable.push({
      field,
      current,
      ladder,
      ...(improvement.effort ? { effort: improvement.effort } : {}),
      ...(improvement.note ? { note: improvement.note } : {}),
    });
  }
  return movable;
}

/**
 * Whether changed answers are ones an applicant could really give: every changed field's prerequisites hold
 * (signed updates need an update mechanism) and the whole posture still satisfies the contract (no more past-due
 * KEV vulnerabilities than open ones, say).
 */
export function isRealistic(model: CompiledRatingModel, changed: unknown, fields: readonly PostureField[]): boolean {
  const prerequisites = fields.every((field) =>
    requirementsMet(model.improvements.get(field.path)!, (path) => answerAt(changed, path.split('.'))),
  );
  return prerequisites && Posture.safeParse(changed).success;
}

export const changeOf = (movable: MovableField, to: unknown): PostureChange => ({
  field: movable.field.path,
  from: movable.current,
  to,
  ...(movable.effort ? { effort: movable.effort } : {}),
  ...(movable.note ? { note: movable.note } : {}),
});
