const MS_PER_DAY = 86_400_000;

function epochDay(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Whole days from `from` to `to` (ISO dates, UTC calendar); negative when `from` is later. */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

export function addDays(isoDate: string, days: number): string {
  return new Date((epochDay(isoDate) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `years` calendar years before `isoDate` (29 February falls back to 28 February). */
export function yearsBefore(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year - years, month - 1, day));
  if (date.getUTCDate() !== day) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}
