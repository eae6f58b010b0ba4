import { describe, expect, it } from 'vitest';
import { compile, symbols } from './fixtures';

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;

/** Every word the generator itself may write; anything else in the output would have come from the input. */
const GENERATOR_WORDS = new Set([
  'function',
  'var',
  'return',
  'if',
  'true',
  'false',
  'f',
  'd',
  'x',
  'r',
  'E',
  'Math',
  'abs',
  'floor',
  'ceil',
  'sqrt',
  'exp',
  'log',
  'log10',
  'min',
  'max',
  'pow',
]);

/** Asserts that, outside JSON string literals, the JavaScript holds only generator words and declared names. */
function expectOnlyGeneratedText(javascript: string): void {
  const withoutStrings = javascript.replace(STRING_LITERAL, '""');
  for (const [word] of withoutStrings.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const allowed = GENERATOR_WORDS.has(word) || symbols.has(word) || /^[tTR]\d+$/.test(word);
    expect(allowed, `unexpected word ${word} in ${javascript}`).toBe(true);
  }
  // Numbers, operators and punctuation only; no quotes other than those of JSON string literals.
  expect(withoutStrings).toMatch(/^[\w\s.,;:?!=<>+\-*/%&|(){}"]*$/);
}

describe('generated JavaScript', () => {
  it('keeps a string constant that tries to break out harmless', () => {
    const evil = '"); process.exit(1); ("';
    const compiled = compile<boolean>(`s == ${JSON.stringify(evil)}`, 'boolean');
    expect(compiled.javascript).toContain(JSON.stringify(evil));
    expectOnlyGeneratedText(compiled.javascript);
    expect(compiled.evaluate({ s: evil }, {}, undefined)).toBe(true);
    expect(compiled.evaluate({ s: 'x' }, {}, undefined)).toBe(false);
  });

  it('keeps single-quoted, template, backslash and line-separator strings harmless', () => {
    const templatePlaceholder = `$${'{'}process.exit(1)}`;
    for (const value of ["'); process.exit(1); ('", templatePlaceholder, '\\', 'a\nb', 'a\u2028b', '`']) {
      const compiled = compile<string>(`flag ? ${JSON.stringify(value)} : s`, 'string');
      expectOnlyGeneratedText(compiled.javascript);
      expect(compiled.evaluate({ flag: true, s: '' }, {}, undefined)).toBe(value);
    }
  });

  it('accepts mathjs single-quoted strings and re-quotes them with JSON.stringify', () => {
    const compiled = compile<boolean>(`s == 'x"y'`, 'boolean');
    expect(compiled.javascript).toContain('"x\\"y"');
    expect(compiled.evaluate({ s: 'x"y' }, {}, undefined)).toBe(true);
  });

  it('drops comments and spacing from the source', () => {
    const compiled = compile<number>('a   +\t1 # process.exit(1)', 'number');
    expect(compiled.javascript).not.toContain('process');
    expectOnlyGeneratedText(compiled.javascript);
  });

  it('writes numbers from their values, not from the source text', () => {
    const compiled = compile<number>('0x1F + 1.50e2 + 007', 'number');
    expect(compiled.javascript).toContain('31');
    expect(compiled.javascript).toContain('150');
    expect(compiled.javascript).not.toContain('0x');
    expect(compiled.evaluate({}, {}, undefined)).toBe(188);
  });

  it('contains only generated text for expressions using every construct', () => {
    const sources: [string, 'number' | 'boolean' | 'string'][] = [
      ['lookup("updateFactor", updateMechanism) * band("patchDays", a) + interpolate("revenueLine", b)', 'number'],
      ['roundWith("dollars", max(a, b, c) ^ 2 - min(a) / clamp(c, 0, 1) % 3)', 'number'],
      ['abs(a) + floor(b) + ceil(c) + sqrt(a) + exp(b) + log(c) + log10(a) + pow(a, b) + pi + e', 'number'],
      ['0 <= a * 2 < b + 1 <= 10 and not flag or flag xor other', 'boolean'],
      ['oneOf(updateMechanism, "ota", "manual") and oneOf(a + 1, 1, -2)', 'boolean'],
      ['criticality == "high" ? sector : "none"', 'string'],
    ];
    for (const [source, type] of sources) expectOnlyGeneratedText(compile(source, type).javascript);
  });

  it('binds each table once however often it is read, and never by name', () => {
    const compiled = compile<number>(
      'band("patchDays", a) + band("patchDays", b) + lookup("updateFactor", "ota")',
      'number',
    );
    expect(compiled.javascript).toContain('T0(f.a)');
    expect(compiled.javascript).toContain('T0(f.b)');
    expect(compiled.javascript).toContain('T1("ota")');
    expect(compiled.javascript).not.toContain('patchDays');
    expect(compiled.javascript).not.toContain('updateFactor');
  });

  it('checks the result of a number expression for finiteness, and only that', () => {
    expect(compile('a + 1', 'number').javascript).toContain('if (r - r !== 0) E();');
    expect(compile('a > 1', 'boolean').javascript).not.toContain('E()');
  });
});

describe('what an expression reads', () => {
  it('reports exactly the symbols and tables read, once each', () => {
    const compiled = compile<boolean>(
      'lookup("updateFactor", updateMechanism) * band("patchDays", a) + score > a and (flag or units > 0)',
      'boolean',
    );
    expect([...compiled.symbols].sort()).toEqual(['a', 'flag', 'score', 'units', 'updateMechanism']);
    expect([...compiled.tables].sort()).toEqual(['patchDays', 'updateFactor']);
    expect([...compiled.roundings]).toEqual([]);
  });

  it('counts both branches of a ternary', () => {
    const compiled = compile<number>('flag ? a : interpolate("revenueCurve", b)', 'number');
    expect([...compiled.symbols].sort()).toEqual(['a', 'b', 'flag']);
    expect([...compiled.tables]).toEqual(['revenueCurve']);
  });

  it('does not count string constants that spell a symbol, nor pi and e', () => {
    const compiled = compile<boolean>('s == "a" and pi > e', 'boolean');
    expect([...compiled.symbols]).toEqual(['s']);
  });

  it('reports roundings', () => {
    const compiled = compile<number>('roundWith("dollars", a) + roundWith("dollars", b)', 'number');
    expect([...compiled.roundings]).toEqual(['dollars']);
    expect([...compiled.symbols]).toEqual(['a', 'b']);
    expect(compiled.tables.size).toBe(0);
  });

  it('keeps the source, path and type', () => {
    const compiled = compile<number>('a + 1', 'number');
    expect(compiled.source).toBe('a + 1');
    expect(compiled.path).toBe('factors.patching[0].points');
    expect(compiled.type).toBe('number');
  });
});
