import type { ValueType } from '../../domain/model/expression';

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
