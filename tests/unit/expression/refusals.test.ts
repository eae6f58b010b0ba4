import { describe, expect, it } from 'vitest';
import { type ExpressionEnvironment, MAX_SOURCE_LENGTH } from '../../../src/models/expression';
import { compile, env, expectRefused, PATH, refusal } from './fixtures';

describe('functions from the mathjs security guide are refused', () => {
  it.each([
    ['import', 'import({ x: 1 })'],
    ['createUnit', 'createUnit("knot")'],
    ['evaluate', 'evaluate("1 + 1")'],
    ['parse', 'parse("1 + 1")'],
    ['simplify', 'simplify("2 * a")'],
    ['derivative', 'derivative("a^2", "a")'],
    ['compile', 'compile("1 + 1")'],
    ['resolve', 'resolve(a)'],
    ['reviver', 'reviver(a)'],
  ])('%s', (name, source) => {
    expectRefused(source, `function "${name}" is not allowed`);
  });
});

describe('other functions', () => {
  it('refuses an unknown function', () => {
    expectRefused('cube(a)', 'unknown function "cube"');
  });

  it('suggests a known function for a near miss', () => {
    expectRefused('lokup("updateFactor", updateMechanism)', 'did you mean "lookup"');
  });

  it("refuses mathjs's own round, pointing to roundWith", () => {
    expectRefused('round(a)', 'roundWith');
  });

  it('refuses calling a symbol', () => {
    expectRefused('a(3)', '"a" is a symbol, not a function');
  });

  it('refuses the wrong number of arguments', () => {
    expectRefused('min()', 'min() needs at least 1 argument');
    expectRefused('abs(a, b)', 'abs() takes exactly 1 argument');
    expectRefused('log(a, 10)', 'the natural logarithm');
    expectRefused('pow(a)', 'pow() takes exactly 2 arguments');
    expectRefused('clamp(a, 1)', 'clamp() takes exactly 3 arguments');
    expectRefused('oneOf(s)', 'oneOf() needs a value and at least 1 candidate');
    expectRefused('lookup("updateFactor")', 'lookup() takes exactly 2 arguments');
    expectRefused('roundWith("dollars", a, b)', 'roundWith() takes exactly 2 arguments');
  });

  it('refuses non-numeric arguments to numeric functions', () => {
    expectRefused('max(a, flag)', 'max() needs a number, but "flag" is a boolean');
    expectRefused('sqrt(s)', 'sqrt() needs a number');
  });

  it('refuses clamp with constant bounds the wrong way round', () => {
    expectRefused('clamp(a, 10, 1)', 'lower bound 10 above its upper bound 1');
  });

  it('refuses oneOf with a candidate outside the enum', () => {
    expectRefused('oneOf(updateMechanism, "ota", "otaa")', '"otaa" is not a value of "updateMechanism"');
  });

  it('refuses oneOf with a non-constant candidate', () => {
    expectRefused('oneOf(a, b)', 'oneOf() argument 2 must be a constant', 'boolean');
  });

  it('refuses oneOf with a candidate of another type', () => {
    expectRefused('oneOf(s, 1)', 'oneOf() argument 2 (1) must be a string', 'boolean');
  });

  it('refuses oneOf on a boolean', () => {
    expectRefused('oneOf(flag, true)', 'not a boolean', 'boolean');
  });
});

describe('tables and roundings', () => {
  it('refuses a table name that is not a string constant', () => {
    expectRefused('lookup(s, updateMechanism)', 'must be a string constant naming a table');
  });

  it('refuses an unknown table', () => {
    expectRefused('band("patchDay", a)', 'unknown table "patchDay" (did you mean "patchDays"?)');
  });

  it('refuses reading a table with the function of another kind', () => {
    expectRefused('band("updateFactor", a)', 'table "updateFactor" is a lookup table; read it with lookup(');
    expectRefused('lookup("patchDays", a)', 'read it with band(');
    expectRefused('band("revenueCurve", a)', 'read it with interpolate(');
  });

  it('refuses a lookup keyed by an enum with a member the table lacks, naming it', () => {
    expectRefused('lookup("sectorFactor", sector)', 'table "sectorFactor" has no entry for "automotive"');
  });

  it('refuses a lookup with a constant key the table lacks', () => {
    expectRefused('lookup("sectorFactor", "space")', 'has no entry for "space"');
    expectRefused('lookup("byCount", 3)', 'has no entry for "3"');
  });

  it('refuses a boolean lookup key', () => {
    expectRefused('lookup("updateFactor", flag)', 'lookup() key must be a string or a number');
  });

  it('refuses a non-numeric band or interpolation key', () => {
    expectRefused('band("patchDays", s)', 'band() needs a number');
    expectRefused('interpolate("revenueCurve", flag)', 'interpolate() needs a number');
  });

  it('refuses an unknown rounding', () => {
    expectRefused('roundWith("dollar", a)', 'unknown rounding "dollar" (did you mean "dollars"?)');
  });

  it('refuses rounding a non-number', () => {
    expectRefused('roundWith("dollars", s)', 'roundWith() needs a number');
  });

  it('reports an invalid table definition at the table path', () => {
    const bad: ExpressionEnvironment = {
      ...env,
      tables: new Map([['empty', { kind: 'bands', bands: [] }]]),
    };
    const error = refusal('band("empty", a)', 'number', bad);
    expect(error.path).toBe('tables.empty.bands');
  });
});

describe('structure', () => {
  it('refuses assignment', () => {
    expectRefused('a = 1', 'assignment');
  });

  it('refuses function definition', () => {
    expectRefused('f(x) = x^2', 'function definition');
  });

  it('refuses property access with a dot', () => {
    expectRefused('a.b', 'property access (a.b)');
  });

  it('refuses property access with brackets', () => {
    expectRefused('a["b"]', 'property access by index');
  });

  it('refuses method calls', () => {
    expectRefused('a.toString(1)', 'property access');
  });

  it('refuses matrices and arrays', () => {
    expectRefused('[1, 2]', 'arrays');
  });

  it('refuses objects', () => {
    expectRefused('{a: 1}', 'objects');
  });

  it('refuses ranges', () => {
    expectRefused('1:3', 'ranges');
  });

  it('refuses blocks separated by ;', () => {
    expectRefused('a; b', 'blocks');
  });

  it('refuses multi-line blocks', () => {
    expectRefused('a\nb', 'blocks');
  });

  it('refuses implicit multiplication by juxtaposition', () => {
    expectRefused('2a', 'implicit multiplication');
  });

  it('refuses implicit multiplication with parentheses', () => {
    expectRefused('2 (3)', 'implicit multiplication');
  });

  it('refuses units', () => {
    expectRefused('5 cm', 'unit');
  });

  it('refuses unit conversion with to', () => {
    expectRefused('a to b', 'unit conversion (to)');
  });

  it('refuses unit conversion with in', () => {
    expectRefused('a in b', 'unit conversion (in)');
  });

  it('refuses factorial', () => {
    expectRefused('a!', 'factorial');
  });

  it('refuses prefix ! (mathjs does not parse it as not)', () => {
    expectRefused('!flag', 'syntax error', 'boolean');
  });

  it.each([
    ['&', 'a & b'],
    ['|', 'a | b'],
    ['^|', 'a ^| b'],
    ['~', '~a'],
    ['<<', 'a << 1'],
    ['>>', 'a >> 1'],
    ['>>>', 'a >>> 1'],
  ])('refuses bitwise %s', (op, source) => {
    expectRefused(source, `bitwise operator ${op} is not allowed`);
  });

  it('refuses transpose', () => {
    expectRefused("a'", 'transpose');
  });

  it('refuses element-wise operators', () => {
    expectRefused('a .* b', 'operator .* is not allowed');
  });

  it('refuses the nullish operator', () => {
    expectRefused('a ?? b', 'operator ?? is not allowed');
  });

  it('refuses percentage notation, which mathjs would expand to a * (1 + 5/100)', () => {
    expectRefused('a + 5%', 'percentage');
  });

  it('refuses nesting deeper than the parser can take', () => {
    expectRefused(`${'('.repeat(600)}a${')'.repeat(600)}`, 'nested too deeply');
  });

  it('refuses nesting deeper than the compiler allows', () => {
    expectRefused(`${'-'.repeat(300)}a`, 'nested more than');
  });
});

describe('constants and symbols', () => {
  it('refuses null', () => {
    expectRefused('null', 'null is not allowed');
  });

  it('refuses undefined', () => {
    expectRefused('undefined', 'undefined is not allowed');
  });

  it('refuses NaN', () => {
    expectRefused('NaN', 'NaN is not allowed');
  });

  it('refuses Infinity', () => {
    expectRefused('Infinity', 'non-finite number Infinity');
  });

  it('refuses a literal that overflows to Infinity', () => {
    expectRefused('1e400', 'non-finite number Infinity');
  });

  it.each([
    ['a division by a constant zero', 'a / 0', '/ by zero'],
    ['a division by an expression that is always zero', 'a / (2 - 2)', '/ by zero'],
    ['a remainder by zero', 'a % 0', '% by zero'],
    ['the logarithm of a negative constant', 'a + log(-1)', 'log(-1) is NaN whatever the facts'],
    ['the root of a negative constant', 'a * sqrt(-4)', 'sqrt(-4) is NaN whatever the facts'],
    ['a constant that overflows', 'a + 1e308 * 10', 'is Infinity whatever the facts'],
    ['a power that overflows', 'a + 10 ^ 400', 'is Infinity whatever the facts'],
  ])('refuses %s, which would fail every rating', (_name, source, reason) => {
    expectRefused(source, reason);
  });

  it('still compiles constant arithmetic that is finite', () => {
    expect(compile<number>('a + 10 ^ 2 / 4 - log(1)', 'number').evaluate({ a: 1 }, {}, undefined)).toBe(26);
  });

  it('refuses the imaginary unit', () => {
    expectRefused('i', 'complex numbers');
  });

  it('refuses imaginary literals (parsed as implicit multiplication by i)', () => {
    expectRefused('3i', 'implicit multiplication');
  });

  it('refuses an undeclared symbol', () => {
    expectRefused('foo + 1', 'unknown symbol "foo"');
  });

  it('suggests a declared symbol for a typo', () => {
    expectRefused('updateMechansim == "ota"', 'did you mean "updateMechanism"', 'boolean');
  });

  it('refuses mathjs constants other than pi and e', () => {
    expectRefused('PI', 'unknown symbol "PI"');
  });

  it('refuses a declared symbol whose name Object.prototype also has', () => {
    const withReserved: ExpressionEnvironment = {
      ...env,
      symbols: new Map([['constructor', { type: 'number', scope: 'facts' }]]),
    };
    expectRefused('constructor + 1', 'symbol name "constructor" is reserved', 'number', withReserved);
  });

  it('refuses a declared symbol whose name is not a plain identifier', () => {
    const withDollar: ExpressionEnvironment = {
      ...env,
      symbols: new Map([['$a', { type: 'number', scope: 'facts' }]]),
    };
    expectRefused('$a + 1', 'not a plain identifier', 'number', withDollar);
  });

  it('refuses a symbol declared with an unknown scope', () => {
    const badScope = {
      ...env,
      symbols: new Map([['a', { type: 'number', scope: 'global' }]]),
    } as unknown as ExpressionEnvironment;
    expectRefused('a', 'unknown scope "global"', 'number', badScope);
  });
});

describe('source text', () => {
  it('wraps a syntax error with its position', () => {
    const error = expectRefused('1 +', 'syntax error');
    expect(error.reason).toMatch(/\(char \d+\)/);
  });

  it('refuses an empty expression', () => {
    expectRefused('', 'empty expression');
  });

  it('refuses a blank expression', () => {
    expectRefused('  \t ', 'empty expression');
  });

  it('refuses an expression of only a comment', () => {
    expectRefused('# nothing here', 'empty expression');
  });

  it(`refuses a source longer than ${MAX_SOURCE_LENGTH} characters`, () => {
    const source = `a${' + a'.repeat(500)}`;
    expect(source.length).toBeGreaterThan(MAX_SOURCE_LENGTH);
    expectRefused(source, 'longer than 2000 characters');
  });

  it('accepts a source of exactly the maximum length', () => {
    const source = `a${' '.repeat(MAX_SOURCE_LENGTH - 1)}`;
    expect(compile<number>(source, 'number').evaluate({ a: 7 }, {}, undefined)).toBe(7);
  });

  it('refuses a source that is not a string (models come from JSON)', () => {
    expectRefused(42 as unknown as string, 'must be a string');
  });
});

describe('types', () => {
  it('refuses strings as arithmetic operands', () => {
    expectRefused('"a" + "b"', 'string operand in arithmetic (+)', 'string');
    expectRefused('s * 2', 'string operand in arithmetic (*)');
    expectRefused('-s', 'string operand in arithmetic (unary -)');
  });

  it('refuses booleans as arithmetic operands', () => {
    expectRefused('flag + 1', 'operator + needs a number, but "flag" is a boolean');
  });

  it('refuses numbers as logical operands', () => {
    expectRefused('a and flag', '"and" needs a boolean, but "a" is a number', 'boolean');
    expectRefused('flag or 1', '"or" needs a boolean', 'boolean');
    expectRefused('not a', '"not" needs a boolean', 'boolean');
  });

  it('refuses a non-boolean condition', () => {
    expectRefused('a ? 1 : 2', 'the condition of ? : needs a boolean');
  });

  it('refuses ternary branches of different types', () => {
    expectRefused('flag ? 1 : "one"', 'the branches of ? : must have one type');
  });

  it('refuses ordering comparisons of non-numbers', () => {
    expectRefused('s < "b"', 'comparison < needs a number', 'boolean');
    expectRefused('flag >= other', 'comparison >= needs a number', 'boolean');
  });

  it('refuses equality between different types', () => {
    expectRefused('a == s', 'needs both sides of one type', 'boolean');
    expectRefused('flag != 1', 'needs both sides of one type', 'boolean');
  });

  it('refuses comparing an enum to a string that is not one of its values', () => {
    expectRefused('updateMechanism == "otaa"', '"otaa" is not a value of "updateMechanism"', 'boolean');
    expectRefused('"otaa" != updateMechanism', '"otaa" is not a value of "updateMechanism"', 'boolean');
  });

  it('refuses comparing enums that share no value', () => {
    expectRefused('updateMechanism == sector', 'have no value in common', 'boolean');
  });

  it('refuses a typo inside a chained comparison', () => {
    expectRefused('a < b == flag', 'needs both sides of one type', 'boolean');
  });

  it('refuses a result of the wrong type', () => {
    expectRefused('a > 1', 'expression is a boolean, but a number is expected', 'number');
    expectRefused('a + 1', 'expression is a number, but a boolean is expected', 'boolean');
  });

  it('states the path in the message', () => {
    expect(refusal('foo').message).toBe(`${PATH}: unknown symbol "foo"`);
  });
});
