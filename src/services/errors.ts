/**
 * Errors a use case raises, independent of HTTP. The edge maps each kind to one status (src/http/problem.ts);
 * an object the caller may not see is always `NotFoundError`, never `ForbiddenError`.
 */
export type { FieldProblem } from '../domain/field-problems';

import type { FieldProblem } from '../domain/field-problems';

export abstract class ServiceError extends Error {
  abstract readonly kind:
    | 'not_found'
    | 'conflict'
    | 'precondition_failed'
    | 'precondition_required'
    | 'forbidden'
    | 'invalid';
}

export class NotFoundError extends ServiceError {
  readonly kind = 'not_found';
  constructor(readonly entity: string) {
    super(`${entity} not found`);
  }
}

export class ConflictError extends ServiceError {
  readonly kind = 'conflict';
  constructor(
    message: string,
    readonly currentState?: string,
  ) {
    super(message);
  }
}

export class PreconditionFailedError extends ServiceError {
  readonly kind = 'precondition_failed';
}

export class PreconditionRequiredError extends ServiceError {
  readonly kind = 'precondition_required';
}

export class ForbiddenError extends ServiceError {
  readonly kind = 'forbidden';
  constructor(
    message: string,
    readonly reason = 'forbidden',
  ) {
    super(message);
  }
}

export class InvalidError extends ServiceError {
  readonly kind = 'invalid';
  constructor(
    message: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}
