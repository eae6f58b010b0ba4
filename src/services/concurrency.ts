import { PreconditionFailedError, PreconditionRequiredError } from './errors';

/** The entity tag of a row's current revision, for If-Match. */
export const entityTag = (row: { id: string; revision: number }) => `"${row.id}.${row.revision}"`;

/**
 * Optimistic concurrency for a change (RFC 9110 If-Match, strong comparison): without the tag 428, with a stale
 * one 412, so two people acting on the same object cannot overwrite each other unseen. `*` is not accepted: a
 * change must name the revision it was decided on.
 */
export function requireCurrentTag(
  ifMatch: string | undefined,
  row: { id: string; revision: number },
  what: string,
): void {
  if (!ifMatch) throw new PreconditionRequiredError(`Send If-Match with the ${what}’s ETag to change it.`);
  const tags = ifMatch.split(',').map((tag) => tag.trim());
  if (!tags.includes(entityTag(row))) {
    throw new PreconditionFailedError(`The ${what} changed since that ETag; read it again and reapply the change.`);
  }
}
