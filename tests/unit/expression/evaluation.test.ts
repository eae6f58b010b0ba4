import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError } from '../../../src/models/expression';
import { compile, env, PATH, run } from './fixtures';

const num = (source: string, facts = {}, derived = {}, item = {}) =>
  run<number>(source, 'number', facts, derived, item);
const bool = (source: string, facts = {}, derived = {}, item = {}) =>
  run<boolean>(source, 'boolean', facts, derived, item);

describe('arithmetic', () => {
  it('follows mathjs precedence', () => {
    expect(num('1 + 2 * 3')).toBe(7);
    expect(num('(1 + 2) * 3')).toBe(9);
    expect(num('10 - 4 - 3')).toBe(3);
    expect(num('24 / 4 / 2')).toBe(3);
    expect(num('2 * 3 ^ 2')).toBe(18);
    expect(num('a + b * c', { a: 1, b: 2, c: 3 })).toBe(7);
  });

  it('makes ^ right-associative', () => {
    expect(num('2 ^ 3 ^ 2')).toBe(512);
    expect(num('(2 ^ 3) ^ 2')).toBe(64);
  });

  it('binds unary minus looser than ^, as mathjs does', () => {
    expect(num('-2 ^ 2')).toBe(-4);
    expect(num('(-2) ^ 2')).toBe(4);
    expect(num('2 ^ -1')).toBe(0.5);
  });

  it('applies unary minus and plus', () => {
    expect(num('-a', { a: 3 })).toBe(-3);
    expect(num('- -a', { a: 3 })).toBe(3);
    expect(num('+a', { a: 3 })).toBe(3);
    expect(num('a - -b', { a: 3, b: 2 })).toBe(5);
  });

  it('uses JavaScript % semantics for % and mod (the sign follows the dividend)', () => {
    expect(num('7 % 3')).toBe(1);
    expect(num('7 mod 3')).toBe(1);
    expect(num('-7 % 3')).toBe(-1);
    expect(num('a mod 2.5', { a: 6 })).toBe(1);
  });

  it('computes with IEEE doubles', () => {
    expect(num('0.1 + 0.2')).toBe(0.1 + 0.2);
  });

  it('supports hexadecimal and exponent literals as mathjs parses them', () => {
    expect(num('0x10 + 1.5e3')).toBe(1516);
  });

  it('offers pi and e', () => {
    expect(num('pi')).toBe(Math.PI);
    expect(num('e')).toBe(Math.E);
  });
});

describe('comparisons and logic', () => {
  it('compares numbers exactly', () => {
    expect(bool('a < b', { a: 1, b: 2 })).toBe(true);
    expect(bool('a > b', { a: 1, b: 2 })).toBe(false);
    expect(bool('a <= b', { a: 2, b: 2 })).toBe(true);
    expect(bool('a >= b', { a: 1, b: 2 })).toBe(false);
    expect(bool('a == b', { a: 2, b: 2 })).toBe(true);
    expect(bool('a != b', { a: 2, b: 2 })).toBe(false);
    // mathjs's own == would call these equal within its tolerance; here they are not.
    expect(bool('0.1 + 0.2 == 0.3')).toBe(false);
  });

  it('compares strings, enums and booleans for equality', () => {
    expect(bool('updateMechanism == "ota"', { updateMechanism: 'ota' })).toBe(true);
    expect(bool('updateMechanism != "ota"', { updateMechanism: 'manual' })).toBe(true);
    expect(bool('s == "anything"', { s: 'anything' })).toBe(true);
    expect(bool('flag == other', { flag: true, other: true })).toBe(true);
    expect(bool('flag != other', { flag: true, other: false })).toBe(true);
  });

  it('translates chained comparisons to a conjunction of pairs', () => {
    const inRange = (a: number) => bool('0 <= a < 10', { a });
    expect(inRange(-1)).toBe(false);
    expect(inRange(0)).toBe(true);
    expect(inRange(9.99)).toBe(true);
    expect(inRange(10)).toBe(false);
    expect(bool('a < b < c', { a: 1, b: 2, c: 3 })).toBe(true);
    expect(bool('a < b < c', { a: 1, b: 3, c: 2 })).toBe(false);
    expect(bool('a < b == c', { a: 1, b: 2, c: 2 })).toBe(true);
    expect(bool('a == b == c', { a: 2, b: 2, c: 3 })).toBe(false);
  });

  it('evaluates a computed middle operand of a chained comparison once', () => {
    let reads = 0;
    const facts = {
      get a() {
        reads++;
        return 4;
      },
    };
    const compiled = compile<boolean>('0 <= a * 2 < 10', 'boolean');
    expect(compiled.evaluate(facts, {}, undefined)).toBe(true);
    expect(reads).toBe(1);
  });

  it('evaluates and, or, not and xor on booleans', () => {
    const cases: [boolean, boolean][] = [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ];
    for (const [flag, other] of cases) {
      expect(bool('flag and other', { flag, other })).toBe(flag && other);
      expect(bool('flag or other', { flag, other })).toBe(flag || other);
      expect(bool('flag xor other', { flag, other })).toBe(flag !== other);
      expect(bool('not flag', { flag, other })).toBe(!flag);
    }
  });

  it('gives not, and, or the mathjs precedence', () => {
    expect(bool('not flag and other', { flag: false, other: false })).toBe(false);
    expect(bool('flag or other and false', { flag: true, other: true })).toBe(true);
    expect(bool('a > 1 and a < 5', { a: 3 })).toBe(true);
  });

  it('short-circuits, so a guard protects a division', () => {
    expect(bool('b != 0 and a / b > 1', { a: 1, b: 0 })).toBe(false);
  });
});

describe('ternaries', () => {
  it('chooses a branch', () => {
    expect(num('flag ? 1 : 2', { flag: true })).toBe(1);
    expect(num('flag ? 1 : 2', { flag: false })).toBe(2);
  });

  it('nests to the right', () => {
    const tier = (a: number) => run<string>('a >= 80 ? "A" : a >= 60 ? "B" : "C"', 'string', { a });
    expect(tier(90)).toBe('A');
    expect(tier(60)).toBe('B');
    expect(tier(10)).toBe('C');
  });

  it('yields a boolean or a string', () => {
    expect(bool('flag ? a > 1 : other', { flag: true, a: 2 })).toBe(true);
    expect(run<string>('flag ? "yes" : "no"', 'string', { flag: false })).toBe('no');
  });

  it('keeps the possible values of string branches, so a comparison typo is caught', () => {
    expect(() => compile('(flag ? "x" : "y") == "z"', 'boolean')).toThrow('"z" is not a value');
    expect(bool('(flag ? "x" : "y") == "y"', { flag: false })).toBe(true);
  });
});

describe('functions', () => {
  it('min and max take one or more arguments', () => {
    expect(num('min(a)', { a: 4 })).toBe(4);
    expect(num('min(a, b, 3)', { a: 4, b: 5 })).toBe(3);
    expect(num('max(a, b, 3)', { a: 4, b: 5 })).toBe(5);
    expect(num('max(-a)', { a: 4 })).toBe(-4);
  });

  it('abs, floor, ceil', () => {
    expect(num('abs(a)', { a: -2.5 })).toBe(2.5);
    expect(num('floor(a)', { a: -2.5 })).toBe(-3);
    expect(num('ceil(a)', { a: -2.5 })).toBe(-2);
    expect(num('floor(a)', { a: 2.5 })).toBe(2);
    expect(num('ceil(a)', { a: 2.5 })).toBe(3);
  });

  it('sqrt, exp, log, log10, pow', () => {
    expect(num('sqrt(a)', { a: 16 })).toBe(4);
    expect(num('exp(a)', { a: 1 })).toBe(Math.E);
    expect(num('log(a)', { a: Math.E })).toBe(1);
    expect(num('log10(a)', { a: 1000 })).toBe(3);
    expect(num('pow(a, b)', { a: 2, b: 10 })).toBe(1024);
  });

  it('clamp', () => {
    expect(num('clamp(a, 0, 100)', { a: -5 })).toBe(0);
    expect(num('clamp(a, 0, 100)', { a: 50 })).toBe(50);
    expect(num('clamp(a, 0, 100)', { a: 500 })).toBe(100);
    expect(num('clamp(a, b, c)', { a: 5, b: 1, c: 3 })).toBe(3);
  });

  it('oneOf with strings, enums and numbers', () => {
    expect(bool('oneOf(updateMechanism, "manual", "ota")', { updateMechanism: 'ota' })).toBe(true);
    expect(bool('oneOf(updateMechanism, "manual", "ota")', { updateMechanism: 'none' })).toBe(false);
    expect(bool('oneOf(s, "x")', { s: 'x' })).toBe(true);
    expect(bool('oneOf(a, 1, 2, -3)', { a: -3 })).toBe(true);
    expect(bool('oneOf(a + 1, 1, 2)', { a: 2 })).toBe(false);
    expect(bool('oneOf(a + 1, 1, 2)', { a: 1 })).toBe(true);
  });

  it('lookup with an enum, a constant and a numeric key', () => {
    expect(num('lookup("updateFactor", updateMechanism)', { updateMechanism: 'manual' })).toBe(1.2);
    expect(num('lookup("updateFactor", "none")')).toBe(1.5);
    expect(num('lookup("byCount", a)', { a: 2.5 })).toBe(1.3);
    expect(num('lookup("byCount", 1)')).toBe(1.1);
  });

  it('lookup throws at run time for a free key the table lacks', () => {
    expect(() => num('lookup("updateFactor", s)', { s: 'nope' })).toThrow(
      'table "updateFactor" has no entry for "nope"',
    );
  });

  it('band', () => {
    expect(num('band("patchDays", a)', { a: -1 })).toBe(100);
    expect(num('band("patchDays", a)', { a: 15 })).toBe(80);
    expect(num('band("patchDays", a)', { a: 29.9 })).toBe(80);
    expect(num('band("patchDays", a)', { a: 1000 })).toBe(0);
  });

  it('interpolate, both beyond modes', () => {
    expect(num('interpolate("revenueCurve", a)', { a: 5 })).toBe(1.5);
    expect(num('interpolate("revenueCurve", a)', { a: 30 })).toBe(2.5);
    expect(num('interpolate("revenueLine", a)', { a: 30 })).toBe(3);
    expect(num('interpolate("revenueLine", a)', { a: -10 })).toBe(0);
  });

  it('roundWith', () => {
    expect(num('roundWith("dollars", a)', { a: 12_349 })).toBe(12_300);
    expect(num('roundWith("dollars", a)', { a: 12_350 })).toBe(12_400);
    expect(num('roundWith("cents", a)', { a: 2.5 })).toBe(2);
  });
});

describe('scopes', () => {
  it('reads facts from f, derived values from d and item values from x', () => {
    const compiled = compile<number>('a + score + units', 'number');
    expect(compiled.javascript).toContain('f.a');
    expect(compiled.javascript).toContain('d.score');
    expect(compiled.javascript).toContain('x.units');
    expect(compiled.evaluate({ a: 1 }, { score: 20 }, { units: 300 })).toBe(321);
  });

  it('reads item enums', () => {
    expect(bool('criticality == "high"', {}, {}, { criticality: 'high' })).toBe(true);
  });

  it('does not touch the item when the expression does not read it', () => {
    expect(compile<number>('a + score', 'number').evaluate({ a: 1 }, { score: 2 }, undefined)).toBe(3);
  });

  it('is reusable across calls with different objects', () => {
    const compiled = compile<number>('a * 2', 'number');
    expect(compiled.evaluate({ a: 1 }, {}, undefined)).toBe(2);
    expect(compiled.evaluate({ a: 21 }, {}, undefined)).toBe(42);
  });
});

describe('non-finite results', () => {
  const expectNonFinite = (source: string, facts: object) => {
    const compiled = compile<number>(source, 'number');
    let caught: unknown;
    try {
      compiled.evaluate(facts, {}, undefined);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect((caught as ExpressionError).path).toBe(PATH);
    expect((caught as ExpressionError).reason).toBe('evaluated to a non-finite number');
  };

  it('throws on a division by zero', () => {
    expectNonFinite('a / b', { a: 1, b: 0 });
  });

  it('throws on 0 / 0', () => {
    expectNonFinite('a / b', { a: 0, b: 0 });
  });

  it('throws on the log of zero and the root of a negative', () => {
    expectNonFinite('log(a)', { a: 0 });
    expectNonFinite('sqrt(a)', { a: -1 });
  });

  it('throws on overflow', () => {
    expectNonFinite('a * 1e300', { a: 1e300 });
  });

  it('throws when a numeric fact is missing (reads undefined, computes NaN)', () => {
    expectNonFinite('b + 1', {});
  });
});

describe('model constants', () => {
  it('are inlined as literals and reported as read', () => {
    const withConstants = { ...env, constants: new Map([['bod1902CriticalDays', 15]]) };
    const compiled = compileExpression<number>('bod1902CriticalDays * 2', 'constants.test', 'number', withConstants);
    expect(compiled.evaluate({}, {}, undefined)).toBe(30);
    expect(compiled.javascript).toContain('15');
    expect(compiled.javascript).not.toContain('bod1902CriticalDays');
    expect([...compiled.constants]).toEqual(['bod1902CriticalDays']);
  });
});
