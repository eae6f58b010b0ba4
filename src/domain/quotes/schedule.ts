import type { RatingModelDocument } from '../model/document';
import type { ScheduleAdjustment } from '../rating/premium';

export interface ScheduleItemChoice {
  /** A schedule item of the model. */
  id: string;
  /** Negative is a credit, positive a debit: -0.05 takes 5% off. */
  adjustment: number;
}

/** An applied schedule, as the quote keeps it: each item, their total and the approving underwriter's reason. */
export interface UnderwriterSchedule {
  items: { id: string; title: string; adjustment: number }[];
  total: number;
  reason: string;
}

export interface ScheduleProblem {
  path: (string | number)[];
  message: string;
}

const TOTAL_DIGITS = 1e6;

/**
 * Checks an underwriter's schedule rating against the model's plan (models/iot-cyber-1.0.0.md): each item must be one
 * the model files, within its own credit and debit caps, and their sum within the overall cap. The total is
 * rounded to six decimals so the waterfall factor is the same number on every replay.
 */
export function applySchedule(
  plan: RatingModelDocument['pricing']['schedule'],
  choices: readonly ScheduleItemChoice[],
  reason: string,
): { schedule: UnderwriterSchedule; problems: [] } | { schedule: null; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  const seen = new Set<string>();
  const items: UnderwriterSchedule['items'] = [];
  choices.forEach((choice, index) => {
    const item = plan.items.find((candidate) => candidate.id === choice.id);
    const path = ['scheduleAdjustment', 'items', index];
    if (!item) {
      problems.push({
        path: [...path, 'id'],
        message: `"${choice.id}" is not a schedule item of the rating model (${plan.items.map((candidate) => candidate.id).join(', ') || 'none'})`,
      });
      return;
    }
    if (seen.has(choice.id)) {
      problems.push({ path: [...path, 'id'], message: `${choice.id} is given twice` });
      return;
    }
    seen.add(choice.id);
    if (choice.adjustment < -item.maxCredit || choice.adjustment > item.maxDebit) {
      problems.push({
        path: [...path, 'adjustment'],
        message: `must be between -${item.maxCredit} (credit) and ${item.maxDebit} (debit) for ${item.id}`,
      });
      return;
    }
    items.push({ id: item.id, title: item.title, adjustment: choice.adjustment });
  });
  const total = Math.round(items.reduce((sum, item) => sum + item.adjustment, 0) * TOTAL_DIGITS) / TOTAL_DIGITS;
  if (Math.abs(total) > plan.maxAdjustment) {
    problems.push({
      path: ['scheduleAdjustment', 'items'],
      message: `the items total ${total}, beyond the model's cap of ±${plan.maxAdjustment}`,
    });
  }
  return problems.length > 0 ? { schedule: null, problems } : { schedule: { items, total, reason }, problems: [] };
}

/** The engine's view of a schedule: one multiplicative waterfall step. */
export const scheduleStep = (schedule: UnderwriterSchedule): ScheduleAdjustment => ({
  adjustment: schedule.total,
  reason: schedule.reason,
});
