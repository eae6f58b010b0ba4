/**
 * Rating-model expressions: mathjs syntax, parsed (never evaluated) by mathjs, checked against an allow-list,
 * type-checked and compiled once into a plain JavaScript function `(f, d, x) => value` over the facts, derived and
 * item objects.
 *
 * In short: finite numbers, strings, true/false, pi, e and declared symbols; + - * / ^ % mod, unary - +, and or xor
 * not, == != < > <= >= (chained comparisons allowed), c ? a : b; the functions min, max, abs, floor, ceil, sqrt, exp,
 * log, log10, pow, clamp, oneOf, lookup, band, interpolate and roundWith; lookup, bands and interpolate tables;
 * rounding modes half_up, half_even, half_down, up and down. Semantics are JavaScript's (exact comparisons, IEEE
 * doubles, % keeps the dividend's sign), and a number expression that evaluates to NaN or Infinity throws.
 *
 * The full grammar, every refusal, the table kinds and the rounding rules are in ./README.md, which docs/model-format.md
 * points to.
 */
export { compileExpression, MAX_SOURCE_LENGTH } from './compile';
export { ExpressionError } from './errors';
export { createRounding, type Rounding } from './rounding';
export { createTableEvaluator, type TableEvaluator } from './tables';
export type {
  ExpressionEnvironment,
  RoundingDefinition,
  RoundingMode,
  SymbolDeclaration,
  TableDefinition,
} from './types';
