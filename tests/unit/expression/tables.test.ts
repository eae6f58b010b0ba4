import { describe, expect, it } from 'vitest';
import { createTableEvaluator, ExpressionError, type TableDefinition } from '../../../src/models/expression';

function invalid(def: unknown): ExpressionError {
  try {
    createTableEvaluator('t', def as TableDefinition);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error('expected the definition to be refused');
}

describe('lookup tables', () => {
  const lookup = createTableEvaluator('sector', {
    kind: 'lookup',
    entries: { healthcare: 1.4, retail: 1.1, '3': 0.5 },
  });

  it('returns the entry for an exact key', () => {
    expect(lookup('healthcare')).toBe(1.4);
    expect(lookup('retail')).toBe(1.1);
  });

  it('matches a numeric key by its JavaScript string form', () => {
    expect(lookup(3)).toBe(0.5);
    expect(lookup('3')).toBe(0.5);
  });

  it('throws for a missing key, naming the table and the key', () => {
    expect(() => lookup('Healthcare')).toThrow(ExpressionError);
    expect(() => lookup('Healthcare')).toThrow('tables.sector: table "sector" has no entry for "Healthcare"');
  });

  it('never reads Object.prototype', () => {
    expect(() => lookup('toString')).toThrow('no entry');
    expect(() => lookup('__proto__')).toThrow('no entry');
    const withProto = createTableEvaluator('odd', { kind: 'lookup', entries: JSON.parse('{"__proto__": 2}') });
    expect(withProto('__proto__')).toBe(2);
  });

  it('refuses an empty table', () => {
    const error = invalid({ kind: 'lookup', entries: {} });
    expect(error.path).toBe('tables.t.entries');
    expect(error.reason).toContain('must not be empty');
  });

  it('refuses a non-finite entry', () => {
    const error = invalid({ kind: 'lookup', entries: { a: 1, b: Number.NaN } });
    expect(error.path).toBe('tables.t.entries.b');
  });
});

describe('banded tables', () => {
  const bands = createTableEvaluator('patchDays', {
    kind: 'bands',
    bands: [
      { from: 0, value: 100 },
      { from: 15, value: 80 },
      { from: 30, value: 50 },
      { from: 90, value: 0 },
    ],
  });

  it('gives the first band below the first boundary', () => {
    expect(bands(-5)).toBe(100);
  });

  it('gives the band that starts exactly on a boundary', () => {
    expect(bands(0)).toBe(100);
    expect(bands(15)).toBe(80);
    expect(bands(30)).toBe(50);
    expect(bands(90)).toBe(0);
  });

  it('gives the last band whose from is at or below the value', () => {
    expect(bands(14.999)).toBe(100);
    expect(bands(29)).toBe(80);
    expect(bands(89)).toBe(50);
    expect(bands(1e9)).toBe(0);
  });

  it('agrees with a linear scan on many values', () => {
    const froms = [-10, -2, 0, 3, 7, 8, 20, 21, 50, 100, 1000];
    const many = createTableEvaluator('many', {
      kind: 'bands',
      bands: froms.map((from, i) => ({ from, value: i })),
    });
    for (let x = -20; x <= 1100; x += 0.5) {
      let expected = 0;
      froms.forEach((from, i) => {
        if (from <= x) expected = i;
      });
      expect(many(x)).toBe(expected);
    }
  });

  it('works with a single band', () => {
    const one = createTableEvaluator('one', { kind: 'bands', bands: [{ from: 10, value: 7 }] });
    expect(one(0)).toBe(7);
    expect(one(10)).toBe(7);
    expect(one(11)).toBe(7);
  });

  it('throws for a non-finite or non-numeric key', () => {
    expect(() => bands(Number.NaN)).toThrow('tables.patchDays: table "patchDays" was given a non-finite');
    expect(() => bands(Number.POSITIVE_INFINITY)).toThrow(ExpressionError);
    expect(() => bands('15')).toThrow(ExpressionError);
  });

  it('refuses an empty table', () => {
    expect(invalid({ kind: 'bands', bands: [] }).path).toBe('tables.t.bands');
  });

  it('refuses bands that do not ascend strictly', () => {
    const error = invalid({
      kind: 'bands',
      bands: [
        { from: 0, value: 1 },
        { from: 10, value: 2 },
        { from: 10, value: 3 },
      ],
    });
    expect(error.path).toBe('tables.t.bands[2].from');
    expect(error.reason).toContain('ascend strictly');
  });

  it('refuses non-finite numbers', () => {
    expect(invalid({ kind: 'bands', bands: [{ from: Number.NEGATIVE_INFINITY, value: 1 }] }).path).toBe(
      'tables.t.bands[0].from',
    );
    expect(invalid({ kind: 'bands', bands: [{ from: 0, value: '1' }] }).path).toBe('tables.t.bands[0].value');
  });
});

describe('interpolation tables', () => {
  const points = [
    { x: 0, y: 1 },
    { x: 10, y: 2 },
    { x: 20, y: 2.5 },
    { x: 40, y: 0.5 },
  ];
  const clamp = createTableEvaluator('clamped', { kind: 'interpolate', points, beyond: 'clamp' });
  const extend = createTableEvaluator('extended', { kind: 'interpolate', points, beyond: 'extrapolate' });

  it('interpolates linearly between points', () => {
    expect(clamp(5)).toBe(1.5);
    expect(clamp(15)).toBe(2.25);
    expect(clamp(30)).toBe(1.5);
    expect(extend(30)).toBe(1.5);
  });

  it('returns exactly the y of every point', () => {
    for (const point of points) {
      expect(clamp(point.x)).toBe(point.y);
      expect(extend(point.x)).toBe(point.y);
    }
  });

  it('clamps to the end values beyond the points', () => {
    expect(clamp(-100)).toBe(1);
    expect(clamp(1000)).toBe(0.5);
  });

  it('extends the end segments beyond the points', () => {
    expect(extend(-10)).toBe(0);
    expect(extend(-20)).toBe(-1);
    expect(extend(50)).toBe(-0.5);
    expect(extend(60)).toBe(-1.5);
  });

  it('throws for a non-finite key', () => {
    expect(() => clamp(Number.NaN)).toThrow('tables.clamped');
    expect(() => extend(Number.NEGATIVE_INFINITY)).toThrow(ExpressionError);
  });

  it('refuses fewer than two points', () => {
    const error = invalid({ kind: 'interpolate', points: [{ x: 0, y: 1 }], beyond: 'clamp' });
    expect(error.path).toBe('tables.t.points');
    expect(error.reason).toContain('at least two');
  });

  it('refuses points that do not ascend strictly', () => {
    const error = invalid({
      kind: 'interpolate',
      points: [
        { x: 0, y: 1 },
        { x: -1, y: 2 },
      ],
      beyond: 'clamp',
    });
    expect(error.path).toBe('tables.t.points[1].x');
  });

  it('refuses a non-finite y', () => {
    const error = invalid({
      kind: 'interpolate',
      points: [
        { x: 0, y: 1 },
        { x: 1, y: Number.NaN },
      ],
      beyond: 'clamp',
    });
    expect(error.path).toBe('tables.t.points[1].y');
  });

  it('refuses an unknown beyond mode', () => {
    const error = invalid({
      kind: 'interpolate',
      points: [
        { x: 0, y: 1 },
        { x: 1, y: 2 },
      ],
      beyond: 'wrap',
    });
    expect(error.path).toBe('tables.t.beyond');
  });
});

describe('definitions', () => {
  it('refuses an unknown kind', () => {
    const error = invalid({ kind: 'spline', points: [] });
    expect(error.path).toBe('tables.t.kind');
    expect(error.reason).toContain('unknown table kind "spline"');
  });

  it('uses the path it is given', () => {
    try {
      createTableEvaluator('t', { kind: 'bands', bands: [] }, 'pricing.tables[3]');
      expect.unreachable();
    } catch (error) {
      expect((error as ExpressionError).path).toBe('pricing.tables[3].bands');
    }
  });
});
