import { z } from 'zod';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date as ISO 8601 `YYYY-MM-DD`. zod's ISO date check knows month lengths and leap years, so
 * `2026-02-30` and `2025-02-29` are refused; the message tells a wrong shape from an impossible day.
 */
export function isoDate() {
  return z.iso.date({
    error: (issue) =>
      typeof issue.input === 'string' && DATE_SHAPE.test(issue.input)
        ? `${issue.input} is not a real calendar date`
        : 'must be a date in the form YYYY-MM-DD, e.g. 2026-03-01',
  });
}

/** ISO dates of the form above order lexicographically, so no parsing is needed to compare them. */
export function isBefore(a: string, b: string): boolean {
  return a < b;
}
