/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD, the proleptic Gregorian calendar, no time zone). Rating reads
 * dozens of dates per applicant (certificates, incidents, catalog due dates) and a comparison rates a thousand
 * applicants, so dates are converted by integer arithmetic (H. Hinnant's days_from_civil and civil_from_days)
 * rather than through `Date` objects and string splitting. Inputs are dates the contract's schemas have checked.
 */

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/** Days from 1970-01-01 to `isoDate`. */
function epochDay(isoDate: string): number {
  const year = digit(isoDate, 0) * 1000 + digit(isoDate, 1) * 100 + digit(isoDate, 2) * 10 + digit(isoDate, 3);
  const month = digit(isoDate, 5) * 10 + digit(isoDate, 6);
  const day = digit(isoDate, 8) * 10 + digit(isoDate, 9);
  return daysFromCivil(year, month, day);
}

function daysFromCivil(year: number, month: number, day: number): number {
  // Years run March to February, so a leap day is the last day of its year.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value));

function isoDateOf(epochDays: number): string {
  const shifted = epochDays + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whole days from `from` to `to` (ISO dates, UTC calendar); negative when `from` is later. */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

export function addDays(isoDate: string, days: number): string {
  return isoDateOf(epochDay(isoDate) + days);
}

/** The date `years` calendar years before `isoDate` (29 February falls back to 28 February). */
export function yearsBefore(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) - years;
  const monthDay = isoDate.slice(4);
  if (monthDay === '-02-29' && !isLeapYear(year)) return `${String(year).padStart(4, '0')}-02-28`;
  return `${String(year).padStart(4, '0')}${monthDay}`;
}
