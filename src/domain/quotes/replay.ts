import diff from 'microdiff';
import { formatPath } from '../paths';

export interface ReplayDifference {
  /** Where the stored and the re-rated result part, e.g. `premiums[0].premium.amount`. */
  path: string;
  stored: unknown;
  replayed: unknown;
}

/** JSON as a database returns it: properties set to undefined are gone, as they are from a stored document. */
const asStored = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/**
 * Every place where a re-rating departs from what was stored, structurally (key order does not matter, list
 * order does). An empty list is the proof that the stored premium is what the pinned model makes of the input.
 */
export function compareResults(stored: unknown, replayed: unknown): ReplayDifference[] {
  return diff(asStored(stored), asStored(replayed)).map((difference) => ({
    path: formatPath(difference.path) || '(result)',
    stored: difference.type === 'CREATE' ? null : difference.oldValue,
    replayed: difference.type === 'REMOVE' ? null : difference.value,
  }));
}
