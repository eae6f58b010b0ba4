/** A rating model refused at load: `path` locates the bad field in the document, `reason` says why. */
export class ModelError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ModelError';
  }
}
