export type ValueType = 'number' | 'boolean' | 'string';

/** A rating-model expression compiled by `src/models/expression`: what the engine calls, and what it reads. */
export interface CompiledExpression<T> {
  /** The mathjs text. */
  source: string;
  /** Where it came from in the model, e.g. "factors.patching[0].points". */
  path: string;
  type: ValueType;
  /** Every declared symbol the expression reads. */
  symbols: ReadonlySet<string>;
  /** Every table the expression reads. */
  tables: ReadonlySet<string>;
  /** Every model constant the expression reads. */
  constants: ReadonlySet<string>;
  /** Every named rounding the expression applies. */
  roundings: ReadonlySet<string>;
  /** The generated function's source, for debugging and tests. */
  javascript: string;
  evaluate(facts: object, derived: object, item: object | undefined): T;
}
