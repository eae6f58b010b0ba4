import { addDays, daysBetween } from './calendar';
import type { PostureField } from './facts/posture-fields';
import type { ImprovementDefinition } from './model/document';

/**
 * The answer one step better than `current` along the model's improvement order (models/iot-cyber-1.0.0.md), or
 * undefined when it is already the best, the field is neutral, or the current answer is unknown. Recommendations
 * and the monotonicity property both walk this one declaration.
 */
export function nextBetterAnswer(
  field: PostureField,
  current: unknown,
  improvement: ImprovementDefinition,
  asOf: string,
): unknown {
  if (current === null || current === undefined || 'neutral' in improvement) return undefined;
  if ('order' in improvement) {
    const index = improvement.order.indexOf(current as never);
    return index >= 0 && index < improvement.order.length - 1 ? improvement.order[index + 1] : undefined;
  }
  if ('better' in improvement) {
    const value = current as number;
    const isBetter = (step: number) => (improvement.better === 'lower' ? step < value : step > value);
    return improvement.steps.find(isBetter);
  }
  if (field.kind !== 'date') return undefined;
  const age = daysBetween(current as string, asOf);
  const step = improvement.stepsDays.find((days) => days < age);
  return step === undefined ? undefined : addDays(asOf, -step);
}

/** Whether the other answers allow the change (signed updates need an update mechanism, and so on). */
export function requirementsMet(improvement: ImprovementDefinition, answerOf: (path: string) => unknown): boolean {
  if ('neutral' in improvement || !improvement.requires) return true;
  return improvement.requires.every((condition) => condition.in.includes(answerOf(condition.field) as never));
}

/** The best answer the improvement order knows for a field, or undefined for a neutral one. */
export function bestAnswer(field: PostureField, improvement: ImprovementDefinition, asOf: string): unknown {
  if ('neutral' in improvement) return undefined;
  if ('order' in improvement) return improvement.order.at(-1);
  if ('better' in improvement) return improvement.steps.at(-1);
  return field.kind === 'date' ? addDays(asOf, -improvement.stepsDays.at(-1)!) : undefined;
}
