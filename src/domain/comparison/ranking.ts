import { round2 } from './rounding';

export const SORT_KEYS = ['premium', 'composite', 'premiumPerMillionRevenue', 'premiumPerThousandDevices'] as const;
export type SortBy = (typeof SORT_KEYS)[number];

/** What ranking reads of a rated row. */
export interface Rankable {
  index: number;
  composite: number;
  premium: number;
  premiumPerMillionRevenue: number | null;
  premiumPerThousandDevices: number | null;
}

export interface Standing {
  rank: number;
  /** null when the row has no value for the sort key (a per-unit figure without revenue or devices). */
  percentile: number | null;
}

/** The composite is better high; premiums, absolute or per unit, are better low. */
const HIGHER_IS_BETTER: Readonly<Record<SortBy, boolean>> = {
  premium: false,
  composite: true,
  premiumPerMillionRevenue: false,
  premiumPerThousandDevices: false,
};

export function sortKey(row: Rankable, sortBy: SortBy): number | null {
  return row[sortBy];
}

/** Negative when `a` is better than `b` on the key alone; rows without the key come after every row with one. */
function byKey(a: number | null, b: number | null, sortBy: SortBy): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return HIGHER_IS_BETTER[sortBy] ? b - a : a - b;
}

/**
 * Ranks the rated rows of a comparison: 1 is first by `sortBy`; ties on the key go to the higher composite, then
 * to the earlier entry, so every rank is distinct and the order is the same on every run. Rows without the key
 * rank after all rows with it.
 *
 * The percentile is the share of the other rows with the key that the row is as good as or better than on the key
 * alone: `100 × (rows it equals or beats) / (rows − 1)`, two decimals; 100 for the best (and for a single row), 0
 * for a row strictly worse than all others, and the same for rows that tie.
 */
export function rankRows(rows: readonly Rankable[], sortBy: SortBy): Map<number, Standing> {
  const ordered = [...rows].sort(
    (a, b) => byKey(sortKey(a, sortBy), sortKey(b, sortBy), sortBy) || b.composite - a.composite || a.index - b.index,
  );
  const keyed = ordered.filter((row) => sortKey(row, sortBy) !== null).length;
  const standings = new Map<number, Standing>();
  let firstOfTie = 0;
  ordered.forEach((row, position) => {
    const key = sortKey(row, sortBy);
    if (position > 0 && byKey(sortKey(ordered[position - 1]!, sortBy), key, sortBy) !== 0) firstOfTie = position;
    const percentile = key === null ? null : keyed === 1 ? 100 : round2((100 * (keyed - 1 - firstOfTie)) / (keyed - 1));
    standings.set(row.index, { rank: position + 1, percentile });
  });
  return standings;
}
