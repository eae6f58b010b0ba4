import { z } from 'zod';
import { listOf } from './enums';

/**
 * Field builders shared by the contract's schemas, so every day count, percentage and closed set is validated
 * and worded the same way wherever it appears.
 */

/** Upper bounds: large enough for any honest answer, small enough to catch a unit mistake (hours sent as seconds). */
export const MAX_DAYS = 36_500;
export const MAX_HOURS = 8_760;
export const MAX_MONTHS = 1_200;

function wholeNumber(unit: string, max: number, bound: string) {
  return z
    .number({ error: `must be a number of ${unit}` })
    .min(0, { abort: true, error: `cannot be negative: a number of ${unit}, 0 or more` })
    .max(max, { abort: true, error: `cannot exceed ${max} ${unit} (${bound})` })
    .int({ error: `must be a whole number of ${unit}` });
}

/** A duration or interval in whole days, 0 to 100 years. */
export function days() {
  return wholeNumber('days', MAX_DAYS, '100 years');
}

/** A duration in whole hours, 0 to one year. */
export function hours() {
  return wholeNumber('hours', MAX_HOURS, 'one year');
}

/** A duration or interval in whole months, 0 to 100 years. */
export function months() {
  return wholeNumber('months', MAX_MONTHS, '100 years');
}

/** A count of things (devices, records, vulnerabilities) with the bound that makes sense for them. */
export function count(what: string, max: number) {
  return wholeNumber(what, max, `the largest plausible number of ${what}`);
}

/** A percentage from 0 to 100; fractions are allowed. */
export function percent() {
  return z
    .number({ error: 'must be a percentage, a number from 0 to 100' })
    .min(0, { error: 'must be a percentage from 0 to 100: it cannot be negative' })
    .max(100, { error: 'must be a percentage from 0 to 100: it cannot exceed 100' });
}

/** The refused value as a message quotes it: a structure is named, not printed, since it can nest past the stack. */
function quotedInput(input: unknown): string {
  if (input === null || typeof input !== 'object') return JSON.stringify(input);
  return Array.isArray(input) ? 'an array' : 'an object';
}

/** A closed set whose refusal lists the accepted values, so a broker can fix a typo without the docs. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `required: the ${what}, one of ${listOf(values)}`
        : `${quotedInput(issue.input)} is not a known ${what}: expected one of ${listOf(values)}`,
  });
}

/** A yes/no posture answer; `null` or omitted means unknown. */
export function flag(description: string, example = true) {
  return z.boolean({ error: 'must be true or false (or null when unknown)' }).meta({ description, example }).nullish();
}

/** Short free text (a reference, a version label): trimmed, non-empty. */
export function label(what: string, max: number) {
  return z
    .string({ error: `must be a string: the ${what}` })
    .trim()
    .min(1, { error: `the ${what} cannot be empty` })
    .max(max, { error: `the ${what} cannot exceed ${max} characters` });
}

/**
 * Reports each item whose key repeats an earlier item's, at the repeat's own path, so the caller sees which entry
 * to remove. Items without a key (unknown answers) are never duplicates.
 */
export function refuseDuplicates<T>(
  items: readonly T[],
  ctx: z.RefinementCtx,
  keyOf: (item: T) => string | null | undefined,
  message: (key: string, firstIndex: number) => string,
  pathOf: (index: number, item: T) => PropertyKey[] = (index) => [index],
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === null || key === undefined) {
      return;
    }
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    ctx.addIssue({ code: 'custom', message: message(key, first), path: pathOf(index, item), input: item });
  });
}
