import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, yearsBefore } from '../../../src/domain/calendar';

const MS_PER_DAY = 86_400_000;
const FIRST = Date.UTC(1600, 0, 1);
const LAST = Date.UTC(2999, 11, 31);

/** The same questions answered through `Date`, the reference the integer arithmetic must agree with. */
const isoOf = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);
const epochMsOf = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);
const anyDate = fc.integer({ min: FIRST / MS_PER_DAY, max: LAST / MS_PER_DAY }).map((day) => isoOf(day * MS_PER_DAY));

describe('calendar arithmetic', () => {
  it('counts the days between two dates as Date does', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (from, to) => {
        expect(daysBetween(from, to)).toBe((epochMsOf(to) - epochMsOf(from)) / MS_PER_DAY);
      }),
    );
  });

  it('adds days as Date does, across leap days and centuries', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -200_000, max: 200_000 }), (date, days) => {
        const expected = epochMsOf(date) + days * MS_PER_DAY;
        fc.pre(expected >= FIRST && expected <= LAST);
        expect(addDays(date, days)).toBe(isoOf(expected));
      }),
    );
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
  });

  it('steps back whole years, a 29 February falling back to the 28th', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 300 }), (date, years) => {
        const [year, month, day] = date.split('-').map(Number) as [number, number, number];
        fc.pre(year - years >= 1600);
        const reference = new Date(Date.UTC(2000, month - 1, day));
        reference.setUTCFullYear(year - years);
        if (reference.getUTCDate() !== day) reference.setUTCDate(0);
        expect(yearsBefore(date, years)).toBe(isoOf(reference.getTime()));
      }),
    );
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('2024-02-29', 4)).toBe('2020-02-29');
  });
});
