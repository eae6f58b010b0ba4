export type ValueType = 'number' | 'boolean' | 'string';

export interface SymbolDeclaration {
  type: ValueType;
  /** For string symbols: the closed set of allowed values (an enum). */
  values?: readonly string[];
  /** Which runtime object holds the value: `f` (facts), `d` (derived) or `x` (item). */
  scope: 'facts' | 'derived' | 'item';
}

export type TableDefinition =
  | { kind: 'lookup'; entries: Readonly<Record<string, number>> }
  | { kind: 'bands'; bands: readonly { from: number; value: number }[] }
  | { kind: 'interpolate'; points: readonly { x: number; y: number }[]; beyond: 'clamp' | 'extrapolate' };

export type RoundingMode = 'half_up' | 'half_even' | 'half_down' | 'up' | 'down';

export interface RoundingDefinition {
  mode: RoundingMode;
  increment: number;
}

export interface ExpressionEnvironment {
  symbols: ReadonlyMap<string, SymbolDeclaration>;
  tables: ReadonlyMap<string, TableDefinition>;
  roundings: ReadonlyMap<string, RoundingDefinition>;
  /** The model's named constants, inlined into the generated code as literals. Declared symbols take precedence. */
  constants?: ReadonlyMap<string, number>;
}

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
