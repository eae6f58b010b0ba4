/**
 * A loss-model parameter outside its domain. The message and `parameter` name the parameter, so a model author
 * (and later the publish-time check) can point at the field rather than at a NaN further down.
 */
export class LossParameterError extends RangeError {
  constructor(
    readonly parameter: string,
    reason: string,
  ) {
    super(`${parameter}: ${reason}`);
    this.name = 'LossParameterError';
  }
}

export function requireFinite(parameter: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LossParameterError(parameter, `must be a finite number, got ${value}`);
  }
}

export function requirePositive(parameter: string, value: number): void {
  requireFinite(parameter, value);
  if (!(value > 0)) throw new LossParameterError(parameter, `must be positive, got ${value}`);
}

export function requireNonNegative(parameter: string, value: number): void {
  requireFinite(parameter, value);
  if (!(value >= 0)) throw new LossParameterError(parameter, `must not be negative, got ${value}`);
}

/** Positive and finite, or +Infinity for "no limit". */
export function requireLimit(parameter: string, value: number): void {
  if (value === Number.POSITIVE_INFINITY) return;
  requirePositive(parameter, value);
}

export function requireOpenUnit(parameter: string, value: number): void {
  requireFinite(parameter, value);
  if (!(value > 0 && value < 1))
    throw new LossParameterError(parameter, `must lie strictly between 0 and 1, got ${value}`);
}

export function requireInteger(parameter: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new LossParameterError(parameter, `must be a whole number from ${min} to ${max}, got ${value}`);
  }
}
