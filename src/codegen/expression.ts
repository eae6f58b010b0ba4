import { generateBound } from './generate';
import { IDENTIFIER } from './identifiers';

/**
 * Turns a checked expression's JavaScript (`function (f, d, x) { ... }`, built by `src/models/expression` from
 * allow-listed symbols and JSON literals) into the function a rating calls. `fail` is bound as `E`, called when a
 * number comes out non-finite; each table evaluator and rounding it calls is bound under its name, so the
 * generated code reaches it as a closure variable.
 */
export function linkExpression<F>(
  label: string,
  javascript: string,
  fail: () => never,
  bindingNames: readonly string[],
  bindingValues: readonly unknown[],
): F {
  for (const name of bindingNames) if (!IDENTIFIER.test(name)) throw new Error(`bad binding name ${name}`);
  return generateBound<F>('expression', label, ['E', ...bindingNames], `"use strict";\nreturn ${javascript};`, [
    fail,
    ...bindingValues,
  ]);
}
