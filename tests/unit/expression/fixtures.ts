import { expect } from 'vitest';
import type { CompiledExpression, ValueType } from '../../../src/domain/model/expression';
import {
  compileExpression,
  type ExpressionEnvironment,
  ExpressionError,
  type RoundingDefinition,
  type SymbolDeclaration,
  type TableDefinition,
} from '../../../src/models/expression';

export const PATH = 'factors.patching[0].points';

export const symbols = new Map<string, SymbolDeclaration>([
  ['a', { type: 'number', scope: 'facts' }],
  ['b', { type: 'number', scope: 'facts' }],
  ['c', { type: 'number', scope: 'facts' }],
  ['flag', { type: 'boolean', scope: 'facts' }],
  ['other', { type: 'boolean', scope: 'facts' }],
  ['s', { type: 'string', scope: 'facts' }],
  ['updateMechanism', { type: 'string', scope: 'facts', values: ['none', 'manual', 'ota'] }],
  ['sector', { type: 'string', scope: 'facts', values: ['healthcare', 'retail', 'automotive'] }],
  ['criticality', { type: 'string', scope: 'item', values: ['low', 'high'] }],
  ['defaultCredentials', { type: 'string', scope: 'facts', values: ['unique_per_device', 'universal_default'] }],
  ['score', { type: 'number', scope: 'derived' }],
  ['units', { type: 'number', scope: 'item' }],
]);

export const tables = new Map<string, TableDefinition>([
  ['updateFactor', { kind: 'lookup', entries: { none: 1.5, manual: 1.2, ota: 1 } }],
  ['sectorFactor', { kind: 'lookup', entries: { healthcare: 1.4, retail: 1.1 } }],
  ['byCount', { kind: 'lookup', entries: { '0': 1, '1': 1.1, '2.5': 1.3 } }],
  [
    'patchDays',
    {
      kind: 'bands',
      bands: [
        { from: 0, value: 100 },
        { from: 15, value: 80 },
        { from: 30, value: 50 },
        { from: 90, value: 0 },
      ],
    },
  ],
  [
    'revenueCurve',
    {
      kind: 'interpolate',
      points: [
        { x: 0, y: 1 },
        { x: 10, y: 2 },
        { x: 20, y: 2.5 },
      ],
      beyond: 'clamp',
    },
  ],
  [
    'revenueLine',
    {
      kind: 'interpolate',
      points: [
        { x: 0, y: 1 },
        { x: 10, y: 2 },
        { x: 20, y: 2.5 },
      ],
      beyond: 'extrapolate',
    },
  ],
]);

export const roundings = new Map<string, RoundingDefinition>([
  ['dollars', { mode: 'half_up', increment: 100 }],
  ['cents', { mode: 'half_even', increment: 1 }],
]);

export const env: ExpressionEnvironment = { symbols, tables, roundings };

export function compile<T extends number | boolean | string>(
  source: string,
  expected: ValueType,
  environment: ExpressionEnvironment = env,
): CompiledExpression<T> {
  return compileExpression<T>(source, PATH, expected, environment);
}

export interface Facts {
  a?: number;
  b?: number;
  c?: number;
  flag?: boolean;
  other?: boolean;
  s?: string;
  updateMechanism?: string;
  sector?: string;
  defaultCredentials?: string;
}

/** Evaluates with facts, a derived score and an item; every field has a harmless default. */
export function run<T extends number | boolean | string>(
  source: string,
  expected: ValueType,
  facts: Facts = {},
  derived: { score?: number } = {},
  item: { units?: number; criticality?: string } = {},
): T {
  const f = {
    a: 0,
    b: 0,
    c: 0,
    flag: false,
    other: false,
    s: '',
    updateMechanism: 'ota',
    sector: 'retail',
    defaultCredentials: 'unique_per_device',
    ...facts,
  };
  return compile<T>(source, expected).evaluate(f, { score: 0, ...derived }, { units: 0, criticality: 'low', ...item });
}

export function refusal(source: string, expected: ValueType = 'number', environment = env): ExpressionError {
  try {
    compileExpression(source, PATH, expected, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

/** Asserts the expression is refused at compile time, at PATH, with a reason containing `fragment`. */
export function expectRefused(
  source: string,
  fragment: string | RegExp,
  expected: ValueType = 'number',
  environment = env,
): ExpressionError {
  const error = refusal(source, expected, environment);
  expect(error.path).toBe(PATH);
  if (typeof fragment === 'string') expect(error.reason).toContain(fragment);
  else expect(error.reason).toMatch(fragment);
  expect(error.message).toBe(`${PATH}: ${error.reason}`);
  return error;
}
