import { ExpressionError } from './errors';
import type { TableDefinition } from './types';

export type TableEvaluator = (key: number | string) => number;

// Definitions arrive from JSON, so every field is checked here even where the types already promise it.
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a table definition and returns its evaluator. `path` locates the definition in the model for errors,
 * both here and at run time.
 */
export function createTableEvaluator(name: string, def: TableDefinition, path = `tables.${name}`): TableEvaluator {
  if (!isRecord(def)) throw new ExpressionError(path, `table "${name}" must be an object`);
  switch (def.kind) {
    case 'lookup':
      return createLookup(name, def.entries, path);
    case 'bands':
      return createBands(name, def.bands, path);
    case 'interpolate':
      return createInterpolation(name, def.points, def.beyond, path);
    default:
      throw new ExpressionError(
        `${path}.kind`,
        `unknown table kind ${JSON.stringify((def as { kind: unknown }).kind)} (expected lookup, bands or interpolate)`,
      );
  }
}

function createLookup(name: string, entries: unknown, path: string): TableEvaluator {
  if (!isRecord(entries)) throw new ExpressionError(`${path}.entries`, 'must be an object of key -> number');
  // A Map, not the entries object, so that keys such as "__proto__" or "toString" cannot hit Object.prototype.
  const map = new Map<string, number>();
  for (const key of Object.keys(entries)) {
    const value = entries[key];
    if (!isFiniteNumber(value)) {
      throw new ExpressionError(`${path}.entries.${key}`, 'must be a finite number');
    }
    map.set(key, value);
  }
  if (map.size === 0) throw new ExpressionError(`${path}.entries`, 'must not be empty');
  return (key) => {
    const value = map.get(typeof key === 'string' ? key : String(key));
    if (value === undefined) {
      throw new ExpressionError(path, `table "${name}" has no entry for ${JSON.stringify(String(key))}`);
    }
    return value;
  };
}

function nonFiniteKey(name: string, path: string, key: unknown): ExpressionError {
  return new ExpressionError(path, `table "${name}" was given a non-finite or non-numeric key (${String(key)})`);
}

function createBands(name: string, bands: unknown, path: string): TableEvaluator {
  if (!Array.isArray(bands) || bands.length === 0) {
    throw new ExpressionError(`${path}.bands`, 'must be a non-empty array of { from, value }');
  }
  const n = bands.length;
  const froms = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const band: unknown = bands[i];
    if (!isRecord(band)) throw new ExpressionError(`${path}.bands[${i}]`, 'must be an object { from, value }');
    if (!isFiniteNumber(band.from)) throw new ExpressionError(`${path}.bands[${i}].from`, 'must be a finite number');
    if (!isFiniteNumber(band.value)) throw new ExpressionError(`${path}.bands[${i}].value`, 'must be a finite number');
    if (i > 0 && !(band.from > froms[i - 1]!)) {
      throw new ExpressionError(
        `${path}.bands[${i}].from`,
        `must be greater than the previous band's from (${froms[i - 1]}): bands must ascend strictly`,
      );
    }
    froms[i] = band.from;
    values[i] = band.value;
  }
  const first = froms[0]!;
  return (key) => {
    if (typeof key !== 'number' || key - key !== 0) throw nonFiniteKey(name, path, key);
    if (key < first) return values[0]!;
    // Largest i with froms[i] <= key; froms[lo] <= key holds throughout.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (froms[mid]! <= key) lo = mid;
      else hi = mid - 1;
    }
    return values[lo]!;
  };
}

function createInterpolation(name: string, points: unknown, beyond: unknown, path: string): TableEvaluator {
  if (beyond !== 'clamp' && beyond !== 'extrapolate') {
    throw new ExpressionError(`${path}.beyond`, 'must be "clamp" or "extrapolate"');
  }
  // One point would make a constant, which is a lookup's or a constant's job; two are needed to define a line.
  if (!Array.isArray(points) || points.length < 2) {
    throw new ExpressionError(`${path}.points`, 'must be an array of at least two { x, y } points');
  }
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const point: unknown = points[i];
    if (!isRecord(point)) throw new ExpressionError(`${path}.points[${i}]`, 'must be an object { x, y }');
    if (!isFiniteNumber(point.x)) throw new ExpressionError(`${path}.points[${i}].x`, 'must be a finite number');
    if (!isFiniteNumber(point.y)) throw new ExpressionError(`${path}.points[${i}].y`, 'must be a finite number');
    if (i > 0 && !(point.x > xs[i - 1]!)) {
      throw new ExpressionError(
        `${path}.points[${i}].x`,
        `must be greater than the previous point's x (${xs[i - 1]}): points must ascend strictly`,
      );
    }
    xs[i] = point.x;
    ys[i] = point.y;
  }
  const clamp = beyond === 'clamp';
  const x0 = xs[0]!;
  const y0 = ys[0]!;
  const xLast = xs[n - 1]!;
  const yLast = ys[n - 1]!;
  // The end segments, used to extrapolate.
  const dx0 = xs[1]! - x0;
  const dy0 = ys[1]! - y0;
  const dxLast = xLast - xs[n - 2]!;
  const dyLast = yLast - ys[n - 2]!;
  return (key) => {
    if (typeof key !== 'number' || key - key !== 0) throw nonFiniteKey(name, path, key);
    // Measuring from the nearest point makes the result exact at every point, whatever the rounding of the slope.
    if (key <= x0) return clamp || key === x0 ? y0 : y0 + ((key - x0) / dx0) * dy0;
    if (key >= xLast) return clamp || key === xLast ? yLast : yLast + ((key - xLast) / dxLast) * dyLast;
    let lo = 0;
    let hi = n - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (xs[mid]! <= key) lo = mid;
      else hi = mid - 1;
    }
    const xa = xs[lo]!;
    const ya = ys[lo]!;
    return ya + ((key - xa) / (xs[lo + 1]! - xa)) * (ys[lo + 1]! - ya);
  };
}
