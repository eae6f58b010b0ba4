/**
 * A rating model produced an impossible value for some input (points outside their range, a non-positive price
 * factor). It is a defect of the model, not of the request: the model's tests should have caught it.
 */
export class ModelDefectError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`rating model defect at ${path}: ${detail}`);
    this.name = 'ModelDefectError';
  }
}
