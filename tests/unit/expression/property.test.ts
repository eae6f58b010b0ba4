import fc from 'fast-check';
import { evaluate as mathjsEvaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../../../src/models/expression';
import { compile } from './fixtures';

type Name = 'a' | 'b' | 'c';
type Op = '+' | '-' | '*' | '/';
type Tree =
  | { kind: 'number'; value: number }
  | { kind: 'symbol'; name: Name }
  | { kind: 'negate'; arg: Tree }
  | { kind: 'parenthesis'; arg: Tree }
  | { kind: 'binary'; op: Op; left: Tree; right: Tree };

const PRECEDENCE: Record<Op, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };
const NEGATE_PRECEDENCE = 3;

function precedence(tree: Tree): number {
  if (tree.kind === 'binary') return PRECEDENCE[tree.op];
  if (tree.kind === 'negate') return NEGATE_PRECEDENCE;
  return 4;
}

/** Renders with the fewest parentheses that keep the tree's shape, so mathjs's precedence rules are exercised. */
function render(tree: Tree): string {
  switch (tree.kind) {
    case 'number':
      return String(tree.value);
    case 'symbol':
      return tree.name;
    case 'parenthesis':
      return `(${render(tree.arg)})`;
    case 'negate': {
      const arg = render(tree.arg);
      return precedence(tree.arg) <= NEGATE_PRECEDENCE ? `-(${arg})` : `-${arg}`;
    }
    case 'binary': {
      const own = PRECEDENCE[tree.op];
      // Floating-point + and * are not associative, so a right operand of equal precedence keeps its parentheses.
      const left = precedence(tree.left) < own ? `(${render(tree.left)})` : render(tree.left);
      const right = precedence(tree.right) <= own ? `(${render(tree.right)})` : render(tree.right);
      return `${left} ${tree.op} ${right}`;
    }
  }
}

function reference(tree: Tree, scope: Record<Name, number>): number {
  switch (tree.kind) {
    case 'number':
      return tree.value;
    case 'symbol':
      return scope[tree.name];
    case 'parenthesis':
      return reference(tree.arg, scope);
    case 'negate':
      return -reference(tree.arg, scope);
    case 'binary': {
      const l = reference(tree.left, scope);
      const r = reference(tree.right, scope);
      if (tree.op === '+') return l + r;
      if (tree.op === '-') return l - r;
      if (tree.op === '*') return l * r;
      return l / r;
    }
  }
}

/** The value of a subtree that reads no symbol, as the compiler folds it; undefined when it reads one. */
function known(tree: Tree): number | undefined {
  switch (tree.kind) {
    case 'number':
      return tree.value;
    case 'symbol':
      return undefined;
    case 'parenthesis':
      return known(tree.arg);
    case 'negate': {
      const arg = known(tree.arg);
      return arg === undefined ? undefined : -arg;
    }
    case 'binary': {
      const [l, r] = [known(tree.left), known(tree.right)];
      return l === undefined || r === undefined ? undefined : reference(tree, { a: 0, b: 0, c: 0 });
    }
  }
}

/** The compiler refuses a division by a constant zero, and any subtree that is non-finite whatever the facts. */
function refusedAtCompile(tree: Tree): boolean {
  const value = known(tree);
  if (value !== undefined && !Number.isFinite(value)) return true;
  switch (tree.kind) {
    case 'number':
    case 'symbol':
      return false;
    case 'parenthesis':
    case 'negate':
      return refusedAtCompile(tree.arg);
    case 'binary':
      return (
        (tree.op === '/' && known(tree.right) === 0) || refusedAtCompile(tree.left) || refusedAtCompile(tree.right)
      );
  }
}

const literal = fc
  .oneof(
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 0, max: 8000 }).map((n) => n / 8),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  )
  .map((value): Tree => ({ kind: 'number', value: Math.abs(value) }));
const symbol = fc.constantFrom<Name>('a', 'b', 'c').map((name): Tree => ({ kind: 'symbol', name }));

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'medium', maxDepth: 8, withCrossShrink: true },
    literal,
    symbol,
    tie('tree').map((arg): Tree => ({ kind: 'negate', arg })),
    tie('tree').map((arg): Tree => ({ kind: 'parenthesis', arg })),
    fc
      .record({ op: fc.constantFrom<Op>('+', '-', '*', '/'), left: tie('tree'), right: tie('tree') })
      .map((parts): Tree => ({ kind: 'binary', ...parts })),
  ),
}));

const value = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constant(0),
);
const scope = fc.record({ a: value, b: value, c: value });

describe('compiled arithmetic agrees with mathjs', () => {
  it('gives the same IEEE result as mathjs evaluate, or refuses a non-finite one (at compile time when constant)', () => {
    fc.assert(
      fc.property(tree, scope, (t, s) => {
        const source = render(t);
        const expected = mathjsEvaluate(source, { ...s }) as number;
        expect(typeof expected).toBe('number');
        // The rendering is faithful to the tree: mathjs and a direct evaluation agree.
        expect(Object.is(expected, reference(t, s))).toBe(true);

        if (refusedAtCompile(t)) {
          expect(() => compile<number>(source, 'number')).toThrow(ExpressionError);
          return;
        }
        const compiled = compile<number>(source, 'number');
        if (Number.isFinite(expected)) {
          expect(Object.is(compiled.evaluate(s, {}, undefined), expected)).toBe(true);
        } else {
          expect(() => compiled.evaluate(s, {}, undefined)).toThrow(ExpressionError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
