/**
 * The rows of a raw `execute`: postgres.js answers an array of rows, PGlite an object holding them.
 */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}
