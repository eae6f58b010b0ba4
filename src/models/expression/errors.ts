export class ExpressionError extends Error {
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'ExpressionError';
    this.path = path;
    this.reason = reason;
  }
}
