import type { KevEntry } from '../kev/catalog';
import type { Posture, Profile } from '../posture';
import type { CoverageOption } from '../posture/options';
import type { RatingInput } from '../rate';

/**
 * A quote's rating input as it is stored: plain JSON, the KEV catalog reduced to the entries of the CVE ids the
 * applicant declared, sorted, so the stored text alone re-rates the quote, whatever the catalog holds later.
 */
export interface StoredRatingInput {
  profile: Profile;
  posture: Posture;
  options: CoverageOption[];
  asOf: string;
  kevCatalog: { version: string; entries: KevEntry[] } | null;
}

export function storedRatingInput(input: RatingInput): StoredRatingInput {
  const catalog = input.kevCatalog ?? null;
  return {
    profile: input.profile,
    posture: input.posture,
    options: [...input.options],
    asOf: input.asOf,
    kevCatalog: catalog
      ? {
          version: catalog.version,
          entries: [...catalog.entries.values()].sort((a, b) => (a.cveID < b.cveID ? -1 : a.cveID > b.cveID ? 1 : 0)),
        }
      : null,
  };
}

export const ratingInputOf = (stored: StoredRatingInput): RatingInput => ({
  profile: stored.profile,
  posture: stored.posture,
  options: stored.options,
  asOf: stored.asOf,
  kevCatalog: stored.kevCatalog
    ? { version: stored.kevCatalog.version, entries: new Map(stored.kevCatalog.entries.map((e) => [e.cveID, e])) }
    : null,
});
