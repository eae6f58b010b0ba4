import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { create as createMath, parseDependencies as ParseDependencies } from 'mathjs';
import { linkExpression } from '../../codegen/expression';
import type { CompiledExpression, ValueType } from '../../domain/model/expression';
import { ExpressionError } from './errors';
import { createRounding, type Rounding } from './rounding';
import { createTableEvaluator, type TableEvaluator } from './tables';
import type { ExpressionEnvironment, SymbolDeclaration, TableDefinition } from './types';

// A parse-only instance: nothing in it can evaluate, import or create units, and nothing else of mathjs is used.
// mathjs's entry points build every one of its functions when imported (about 90 MiB of a server's memory, for
// a parser); its own per-function dependency files, which its exports map does not list, build only what `parse`
// needs, so they are loaded by file from the installed package.
const requireFromHere = createRequire(import.meta.url);
const mathjsRoot = dirname(requireFromHere.resolve('mathjs/package.json'));
const { create } = requireFromHere(join(mathjsRoot, 'lib/cjs/core/create.js')) as { create: typeof createMath };
const { parseDependencies } = requireFromHere(
  join(mathjsRoot, 'lib/cjs/entry/dependenciesAny/dependenciesParse.generated.js'),
) as { parseDependencies: NonNullable<typeof ParseDependencies> };
const math = create({ parseDependencies });

export const MAX_SOURCE_LENGTH = 2000;
const MAX_DEPTH = 200;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VALUE_TYPES: ReadonlySet<string> = new Set<ValueType>(['number', 'boolean', 'string']);
const SCOPE_OBJECT = { facts: 'f', derived: 'd', item: 'x' } as const;
// A declared symbol is read as `f.<name>`; a name that Object.prototype also has would read the prototype whenever
// the runtime object lacks it, so such names are refused outright.
const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

// The fixed tables below are Maps so that no name from the input can reach Object.prototype through them.
const MATH_1: ReadonlyMap<string, readonly [string, (x: number) => number]> = new Map([
  ['abs', ['Math.abs', Math.abs]],
  ['floor', ['Math.floor', Math.floor]],
  ['ceil', ['Math.ceil', Math.ceil]],
  ['sqrt', ['Math.sqrt', Math.sqrt]],
  ['exp', ['Math.exp', Math.exp]],
  ['log', ['Math.log', Math.log]],
  ['log10', ['Math.log10', Math.log10]],
]);

// Named so that the refusal says why, rather than only "unknown function".
const FORBIDDEN_FUNCTIONS: ReadonlySet<string> = new Set([
  'import',
  'createUnit',
  'evaluate',
  'parse',
  'simplify',
  'derivative',
  'compile',
  'resolve',
  'reviver',
]);

const ARITHMETIC: ReadonlyMap<string, readonly [string, (a: number, b: number) => number]> = new Map([
  ['add', ['+', (a, b) => a + b]],
  ['subtract', ['-', (a, b) => a - b]],
  ['multiply', ['*', (a, b) => a * b]],
  ['divide', ['/', (a, b) => a / b]],
  ['mod', ['%', (a, b) => a % b]],
]);

/** mathjs comparison function -> [mathjs operator, JavaScript operator]. */
const ORDERING: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['smaller', ['<', '<']],
  ['larger', ['>', '>']],
  ['smallerEq', ['<=', '<=']],
  ['largerEq', ['>=', '>=']],
]);

const EQUALITY: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['equal', ['==', '===']],
  ['unequal', ['!=', '!==']],
]);

const BITWISE: ReadonlySet<string> = new Set([
  'bitAnd',
  'bitOr',
  'bitXor',
  'bitNot',
  'leftShift',
  'rightArithShift',
  'rightLogShift',
]);

/** The shapes of mathjs nodes this compiler reads; everything is checked before use. */
interface RawNode {
  type: string;
}
interface RawConstant extends RawNode {
  value: unknown;
}
interface RawSymbol extends RawNode {
  name: string;
}
interface RawParenthesis extends RawNode {
  content: RawNode;
}
interface RawOperator extends RawNode {
  op: string;
  fn: string;
  args: RawNode[];
  implicit: boolean;
  isPercentage?: boolean;
}
interface RawConditional extends RawNode {
  condition: RawNode;
  trueExpr: RawNode;
  falseExpr: RawNode;
}
interface RawRelational extends RawNode {
  conditionals: string[];
  params: RawNode[];
}
interface RawFunction extends RawNode {
  fn: RawNode;
  args: RawNode[];
}
interface RawIndex extends RawNode {
  dotNotation: boolean;
}
interface RawAccessor extends RawNode {
  index: RawIndex;
}

/** A checked, typed node with its JavaScript. */
interface Typed {
  /** A JavaScript expression that is safe to embed anywhere: atomic or parenthesised. */
  code: string;
  type: ValueType;
  /** For strings: every value the expression can take, when known (enum symbols, constants, ternaries of those). */
  values?: ReadonlySet<string> | undefined;
  /** Set for literals (including a negated number literal). */
  constant?: number | string | boolean | undefined;
  /** Set for a bare read of a declared symbol. */
  symbol?: string | undefined;
  /** For numbers: the value, when it is the same whatever the facts (literals, constants and arithmetic on them). */
  known?: number | undefined;
}

function isCheap(t: Typed): boolean {
  return t.constant !== undefined || t.symbol !== undefined;
}

/** The result of `apply` when every operand's value is known, else undefined. */
function fold(apply: (...values: number[]) => number, ...operands: readonly Typed[]): number | undefined {
  const values = operands.map((operand) => operand.known);
  return values.every((value) => value !== undefined) ? apply(...(values as number[])) : undefined;
}

function numberLiteral(value: number): string {
  // String() of a finite double is a valid JavaScript numeric literal that round-trips exactly.
  const text = String(value);
  return value < 0 || Object.is(value, -0) ? `(-${String(-value)})` : text;
}

function quoteList(values: Iterable<string>): string {
  return [...values].map((v) => JSON.stringify(v)).join(', ');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function suggestion(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

// Evaluators are built once per environment and table, however many expressions use them.
const tableCache = new WeakMap<ExpressionEnvironment, Map<string, TableEvaluator>>();
const roundingCache = new WeakMap<ExpressionEnvironment, Map<string, Rounding>>();

function cached<V>(
  cache: WeakMap<ExpressionEnvironment, Map<string, V>>,
  env: ExpressionEnvironment,
  name: string,
  build: () => V,
): V {
  let byName = cache.get(env);
  if (byName === undefined) {
    byName = new Map();
    cache.set(env, byName);
  }
  let value = byName.get(name);
  if (value === undefined) {
    value = build();
    byName.set(name, value);
  }
  return value;
}

class Compiler {
  readonly symbols = new Set<string>();
  readonly constantsRead = new Set<string>();
  readonly tables = new Set<string>();
  readonly roundings = new Set<string>();
  /** Closure parameters in order: their names and the values bound to them. */
  readonly bindingNames: string[] = [];
  readonly bindingValues: unknown[] = [];
  private readonly bindingByKey = new Map<string, string>();
  temps = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly path: string,
    private readonly env: ExpressionEnvironment,
  ) {}

  fail(reason: string): never {
    throw new ExpressionError(this.path, reason);
  }

  compile(node: RawNode): Typed {
    if (++this.depth > MAX_DEPTH) this.fail(`expression is nested more than ${MAX_DEPTH} levels deep`);
    try {
      return this.compileNode(node);
    } finally {
      this.depth--;
    }
  }

  private compileNode(node: RawNode): Typed {
    switch (node.type) {
      case 'ConstantNode':
        return this.constant((node as RawConstant).value);
      case 'SymbolNode':
        return this.symbol((node as RawSymbol).name);
      case 'ParenthesisNode':
        return this.compile((node as RawParenthesis).content);
      case 'OperatorNode':
        return this.operator(node as RawOperator);
      case 'ConditionalNode':
        return this.conditional(node as RawConditional);
      case 'RelationalNode':
        return this.relational(node as RawRelational);
      case 'FunctionNode':
        return this.call(node as RawFunction);
      case 'AccessorNode':
        return this.accessor((node as RawAccessor).index);
      case 'IndexNode':
        return this.accessor(node as RawIndex);
      case 'AssignmentNode':
        return this.fail('assignment (=) is not allowed; use == to compare');
      case 'FunctionAssignmentNode':
        return this.fail('function definition (f(x) = ...) is not allowed');
      case 'ArrayNode':
        return this.fail('matrices and arrays ([...]) are not allowed');
      case 'ObjectNode':
        return this.fail('objects ({...}) are not allowed');
      case 'RangeNode':
        return this.fail('ranges (a:b) are not allowed');
      case 'BlockNode':
        return this.fail('blocks (several statements separated by ";" or new lines) are not allowed');
      default:
        return this.fail(`unsupported construct ${node.type}`);
    }
  }

  private accessor(index: RawIndex | undefined): never {
    return this.fail(
      index?.dotNotation
        ? 'property access (a.b) is not allowed'
        : 'property access by index (a["b"], a[1]) is not allowed',
    );
  }

  private constant(value: unknown): Typed {
    switch (typeof value) {
      case 'number':
        if (Number.isNaN(value)) this.fail('NaN is not allowed');
        if (!Number.isFinite(value)) this.fail(`non-finite number ${value} is not allowed`);
        return { code: numberLiteral(value), type: 'number', constant: value, known: value };
      case 'string':
        // JSON.stringify yields a valid, fully escaped JavaScript string literal.
        return { code: JSON.stringify(value), type: 'string', constant: value, values: new Set([value]) };
      case 'boolean':
        return { code: value ? 'true' : 'false', type: 'boolean', constant: value };
      case 'undefined':
        // mathjs gives an undefined constant for both the literal and a source of only blanks and comments.
        return this.fail(/\bundefined\b/.test(this.source) ? 'undefined is not allowed' : 'empty expression');
      default:
        return this.fail(value === null ? 'null is not allowed' : `unsupported constant of type ${typeof value}`);
    }
  }

  private symbol(name: string): Typed {
    const declaration = this.env.symbols.get(name);
    if (declaration === undefined) {
      const modelConstant = this.env.constants?.get(name);
      if (modelConstant !== undefined) {
        if (!Number.isFinite(modelConstant)) this.fail(`constant "${name}" is not a finite number`);
        this.constantsRead.add(name);
        return { code: numberLiteral(modelConstant), type: 'number', constant: modelConstant, known: modelConstant };
      }
      const constant = CONSTANTS.get(name);
      if (constant !== undefined) return { code: numberLiteral(constant), type: 'number', constant, known: constant };
      if (name === 'i') this.fail('complex numbers (the imaginary unit i) are not allowed');
      return this.fail(`unknown symbol "${name}"${suggestion(name, this.env.symbols.keys())}`);
    }
    if (!IDENTIFIER.test(name)) this.fail(`symbol name "${name}" is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*)`);
    if (RESERVED_NAMES.has(name)) this.fail(`symbol name "${name}" is reserved`);
    const declared = this.checkDeclaration(name, declaration);
    this.symbols.add(name);
    return {
      code: `${SCOPE_OBJECT[declared.scope]}.${name}`,
      type: declared.type,
      values: declared.type === 'string' && declared.values !== undefined ? new Set(declared.values) : undefined,
      symbol: name,
    };
  }

  private checkDeclaration(name: string, declaration: SymbolDeclaration): SymbolDeclaration {
    if (!VALUE_TYPES.has(declaration.type)) {
      this.fail(`symbol "${name}" is declared with an unknown type ${JSON.stringify(declaration.type)}`);
    }
    if (!Object.hasOwn(SCOPE_OBJECT, declaration.scope)) {
      this.fail(`symbol "${name}" is declared with an unknown scope ${JSON.stringify(declaration.scope)}`);
    }
    return declaration;
  }

  private describe(t: Typed): string {
    if (t.symbol !== undefined) return `"${t.symbol}"`;
    if (t.constant !== undefined) return JSON.stringify(t.constant);
    return 'an expression';
  }

  private expectType(t: Typed, type: ValueType, context: string): Typed {
    if (t.type !== type) this.fail(`${context} needs a ${type}, but ${this.describe(t)} is a ${t.type}`);
    return t;
  }

  private operator(node: RawOperator): Typed {
    if (node.implicit) {
      this.fail('implicit multiplication (2x, 2 (3), or a unit such as 5 cm) is not allowed; write * explicitly');
    }
    if (node.isPercentage) this.fail('percentage notation (5%) is not allowed; write 0.05 or x / 100');
    const { fn, op, args } = node;
    if (fn === 'factorial') {
      this.fail('factorial (postfix !) is not allowed; for logical negation write not');
    }
    if (BITWISE.has(fn)) this.fail(`bitwise operator ${op} is not allowed`);
    if (fn === 'transpose' || fn === 'ctranspose') this.fail("transpose (') is not allowed");
    if (fn === 'to') this.fail(`unit conversion (${op}) is not allowed`);

    const binaryArithmetic = ARITHMETIC.get(fn);
    if (binaryArithmetic !== undefined && args.length === 2) {
      const [js, apply] = binaryArithmetic;
      const [a, b] = this.numericOperands(args, op);
      if ((fn === 'divide' || fn === 'mod') && b.known === 0) this.fail(`${op} by zero: the divisor is always 0`);
      return this.number(
        `(${a.code} ${js} ${b.code})`,
        fold(apply, a, b),
        `${this.describe(a)} ${op} ${this.describe(b)}`,
      );
    }
    if (fn === 'pow' && args.length === 2) {
      const [a, b] = this.numericOperands(args, op);
      return this.number(
        `Math.pow(${a.code}, ${b.code})`,
        fold(Math.pow, a, b),
        `${this.describe(a)} ^ ${this.describe(b)}`,
      );
    }
    if ((fn === 'unaryMinus' || fn === 'unaryPlus') && args.length === 1) {
      const a = this.compile(args[0]!);
      if (a.type === 'string') this.fail(`string operand in arithmetic (unary ${op}): ${this.describe(a)}`);
      this.expectType(a, 'number', `unary ${op}`);
      if (fn === 'unaryPlus') return a;
      return typeof a.constant === 'number'
        ? { code: numberLiteral(-a.constant), type: 'number', constant: -a.constant, known: -a.constant }
        : { code: `(-${a.code})`, type: 'number', known: a.known === undefined ? undefined : -a.known };
    }
    if ((fn === 'and' || fn === 'or' || fn === 'xor') && args.length === 2) {
      const a = this.expectType(this.compile(args[0]!), 'boolean', `"${op}"`);
      const b = this.expectType(this.compile(args[1]!), 'boolean', `"${op}"`);
      const js = fn === 'and' ? '&&' : fn === 'or' ? '||' : '!==';
      return { code: `(${a.code} ${js} ${b.code})`, type: 'boolean' };
    }
    if (fn === 'not' && args.length === 1) {
      const a = this.expectType(this.compile(args[0]!), 'boolean', '"not"');
      return { code: `(!${a.code})`, type: 'boolean' };
    }
    if ((ORDERING.has(fn) || EQUALITY.has(fn)) && args.length === 2) {
      const a = this.compile(args[0]!);
      const b = this.compile(args[1]!);
      return { code: `(${this.comparison(fn, a, b, a.code, b.code)})`, type: 'boolean' };
    }
    return this.fail(`operator ${op} is not allowed`);
  }

  /**
   * A number that is the same whatever the facts must be finite: a division by zero, the logarithm or root of a
   * negative number or an overflow in a model would otherwise be accepted and then fail every rating that reads it.
   */
  private number(code: string, known: number | undefined, what: string): Typed {
    if (known !== undefined && !Number.isFinite(known)) {
      this.fail(`${what} is ${known} whatever the facts; a model's numbers must be finite`);
    }
    return { code, type: 'number', known };
  }

  private numericOperands(args: RawNode[], op: string): [Typed, Typed] {
    const operands = [this.compile(args[0]!), this.compile(args[1]!)] as [Typed, Typed];
    for (const operand of operands) {
      if (operand.type === 'string') this.fail(`string operand in arithmetic (${op}): ${this.describe(operand)}`);
      this.expectType(operand, 'number', `operator ${op}`);
    }
    return operands;
  }

  /** Checks one comparison and returns its JavaScript, without parentheses, using the given operand code. */
  private comparison(fn: string, a: Typed, b: Typed, aCode: string, bCode: string): string {
    const ordering = ORDERING.get(fn);
    if (ordering !== undefined) {
      const [text, js] = ordering;
      this.expectType(a, 'number', `comparison ${text}`);
      this.expectType(b, 'number', `comparison ${text}`);
      return `${aCode} ${js} ${bCode}`;
    }
    const equality = EQUALITY.get(fn);
    if (equality === undefined) return this.fail(`comparison ${fn} is not allowed`);
    const [text, js] = equality;
    if (a.type !== b.type) {
      this.fail(
        `comparison ${text} needs both sides of one type, but ${this.describe(a)} is a ${a.type} and ` +
          `${this.describe(b)} is a ${b.type}`,
      );
    }
    if (a.type === 'string') this.checkStringsCanMeet(a, b, text);
    return `${aCode} ${js} ${bCode}`;
  }

  /** Catches typos such as `updateMechanism == "otaa"`: a comparison that can never hold. */
  private checkStringsCanMeet(a: Typed, b: Typed, text: string): void {
    if (a.values === undefined || b.values === undefined) return;
    if (a.constant !== undefined && b.constant !== undefined) return;
    const [open, other] = a.constant !== undefined ? [b, a] : [a, b];
    if (other.constant !== undefined) {
      if (!open.values!.has(other.constant as string)) {
        this.fail(
          `${JSON.stringify(other.constant)} is not a value of ${this.describe(open)} ` +
            `(allowed: ${quoteList(open.values!)}), so ${text} can never match`,
        );
      }
      return;
    }
    for (const value of open.values!) if (other.values!.has(value)) return;
    this.fail(`${this.describe(a)} and ${this.describe(b)} have no value in common, so ${text} can never match`);
  }

  private conditional(node: RawConditional): Typed {
    const condition = this.expectType(this.compile(node.condition), 'boolean', 'the condition of ? :');
    const whenTrue = this.compile(node.trueExpr);
    const whenFalse = this.compile(node.falseExpr);
    if (whenTrue.type !== whenFalse.type) {
      this.fail(
        `the branches of ? : must have one type, but ${this.describe(whenTrue)} is a ${whenTrue.type} and ` +
          `${this.describe(whenFalse)} is a ${whenFalse.type}`,
      );
    }
    const values =
      whenTrue.values !== undefined && whenFalse.values !== undefined
        ? new Set([...whenTrue.values, ...whenFalse.values])
        : undefined;
    return { code: `(${condition.code} ? ${whenTrue.code} : ${whenFalse.code})`, type: whenTrue.type, values };
  }

  private newTemp(): string {
    return `t${this.temps++}`;
  }

  /**
   * `a < b <= c` becomes `a < b && b <= c`. A middle operand that is more than a read or a literal is stored in a
   * temporary where it first appears, so each operand is evaluated at most once, as in mathjs.
   */
  private relational(node: RawRelational): Typed {
    const { conditionals, params } = node;
    if (params.length !== conditionals.length + 1 || conditionals.length === 0) {
      this.fail('malformed chained comparison');
    }
    const operands = params.map((p) => this.compile(p));
    const pairs: string[] = [];
    let leftCode = operands[0]!.code;
    for (let i = 0; i < conditionals.length; i++) {
      const fn = conditionals[i]!;
      const left = operands[i]!;
      const right = operands[i + 1]!;
      let rightCode = right.code;
      let nextLeftCode = right.code;
      if (i + 1 < conditionals.length && !isCheap(right)) {
        const temp = this.newTemp();
        rightCode = `(${temp} = ${right.code})`;
        nextLeftCode = temp;
      }
      pairs.push(this.comparison(fn, left, right, leftCode, rightCode));
      leftCode = nextLeftCode;
    }
    return { code: `(${pairs.join(' && ')})`, type: 'boolean' };
  }

  private call(node: RawFunction): Typed {
    if (node.fn.type === 'AccessorNode') return this.accessor((node.fn as RawAccessor).index);
    if (node.fn.type !== 'SymbolNode') this.fail('only named functions can be called');
    const name = (node.fn as RawSymbol).name;
    const args = node.args;
    if (FORBIDDEN_FUNCTIONS.has(name)) this.fail(`function "${name}" is not allowed`);
    const math1 = MATH_1.get(name);
    if (math1 !== undefined) {
      const [js, apply] = math1;
      if (args.length !== 1) {
        this.fail(
          `${name}() takes exactly 1 argument${name === 'log' ? ' (the natural logarithm)' : ''}, ` +
            `got ${args.length}`,
        );
      }
      const a = this.expectType(this.compile(args[0]!), 'number', `${name}()`);
      return this.number(`${js}(${a.code})`, fold(apply, a), `${name}(${this.describe(a)})`);
    }
    switch (name) {
      case 'min':
      case 'max': {
        if (args.length === 0) this.fail(`${name}() needs at least 1 argument`);
        const operands = args.map((arg) => this.expectType(this.compile(arg), 'number', `${name}()`));
        return {
          code: `Math.${name}(${operands.map((operand) => operand.code).join(', ')})`,
          type: 'number',
          known: fold(Math[name], ...operands),
        };
      }
      case 'pow': {
        this.arity(name, args, 2);
        const [a, b] = this.numericOperands(args, 'pow()');
        return this.number(
          `Math.pow(${a.code}, ${b.code})`,
          fold(Math.pow, a, b),
          `pow(${this.describe(a)}, ${this.describe(b)})`,
        );
      }
      case 'clamp':
        return this.clamp(args);
      case 'oneOf':
        return this.oneOf(args);
      case 'lookup':
      case 'band':
      case 'interpolate':
        return this.table(name, args);
      case 'roundWith':
        return this.roundWith(args);
      case 'round':
        return this.fail('function "round" is not offered; round only through roundWith("<rounding name>", x)');
      default:
        if (this.env.symbols.has(name)) {
          this.fail(`"${name}" is a symbol, not a function (for multiplication write ${name} * (...))`);
        }
        return this.fail(`unknown function "${name}"${suggestion(name, KNOWN_FUNCTIONS)}`);
    }
  }

  private arity(name: string, args: RawNode[], count: number): void {
    if (args.length !== count) this.fail(`${name}() takes exactly ${count} arguments, got ${args.length}`);
  }

  private clamp(args: RawNode[]): Typed {
    this.arity('clamp', args, 3);
    const [value, low, high] = args.map((arg) => this.expectType(this.compile(arg), 'number', 'clamp()')) as [
      Typed,
      Typed,
      Typed,
    ];
    if (typeof low.constant === 'number' && typeof high.constant === 'number' && low.constant > high.constant) {
      this.fail(`clamp() has its lower bound ${low.constant} above its upper bound ${high.constant}`);
    }
    return {
      code: `Math.min(Math.max(${value.code}, ${low.code}), ${high.code})`,
      type: 'number',
      known: fold((x, lo, hi) => Math.min(Math.max(x, lo), hi), value, low, high),
    };
  }

  private oneOf(args: RawNode[]): Typed {
    if (args.length < 2) this.fail('oneOf() needs a value and at least 1 candidate constant');
    const value = this.compile(args[0]!);
    if (value.type === 'boolean') this.fail('oneOf() needs a string or a number to test, not a boolean');
    const candidates = args.slice(1).map((arg, i) => {
      const candidate = this.compile(arg);
      if (candidate.constant === undefined) this.fail(`oneOf() argument ${i + 2} must be a constant`);
      if (candidate.type !== value.type) {
        this.fail(
          `oneOf() argument ${i + 2} (${this.describe(candidate)}) must be a ${value.type} like ` +
            `${this.describe(value)}`,
        );
      }
      if (value.values !== undefined && !value.values.has(candidate.constant as string)) {
        this.fail(
          `oneOf(): ${JSON.stringify(candidate.constant)} is not a value of ${this.describe(value)} ` +
            `(allowed: ${quoteList(value.values)})`,
        );
      }
      return candidate;
    });
    let subject = value.code;
    let first = value.code;
    if (candidates.length > 1 && !isCheap(value)) {
      subject = this.newTemp();
      first = `(${subject} = ${value.code})`;
    }
    const tests = candidates.map((c, i) => `${i === 0 ? first : subject} === ${c.code}`);
    return { code: `(${tests.join(' || ')})`, type: 'boolean' };
  }

  /** The first argument of table and rounding functions must name a declared entry with a string literal. */
  private nameArgument(fn: string, node: RawNode | undefined, what: string): string {
    let inner = node;
    while (inner?.type === 'ParenthesisNode') inner = (inner as RawParenthesis).content;
    const value = inner?.type === 'ConstantNode' ? (inner as RawConstant).value : undefined;
    if (typeof value !== 'string')
      this.fail(`the first argument of ${fn}() must be a string constant naming a ${what}`);
    return value;
  }

  private bind(key: string, prefix: string, value: unknown): string {
    let name = this.bindingByKey.get(key);
    if (name === undefined) {
      name = `${prefix}${this.bindingNames.length}`;
      this.bindingByKey.set(key, name);
      this.bindingNames.push(name);
      this.bindingValues.push(value);
    }
    return name;
  }

  private table(fn: 'lookup' | 'band' | 'interpolate', args: RawNode[]): Typed {
    this.arity(fn, args, 2);
    const name = this.nameArgument(fn, args[0], 'table');
    const def = this.env.tables.get(name);
    if (def === undefined) this.fail(`unknown table "${name}"${suggestion(name, this.env.tables.keys())}`);
    const expectedKind = fn === 'band' ? 'bands' : fn;
    if (def.kind !== expectedKind) {
      const use = def.kind === 'bands' ? 'band' : def.kind;
      this.fail(`table "${name}" is a ${def.kind} table; read it with ${use}("${name}", ...), not ${fn}()`);
    }
    const key = this.compile(args[1]!);
    if (def.kind === 'lookup') {
      this.checkLookupKey(name, def, key);
    } else {
      this.expectType(key, 'number', `${fn}()`);
    }
    const evaluator = cached(tableCache, this.env, name, () => createTableEvaluator(name, def));
    this.tables.add(name);
    const binding = this.bind(`table:${name}`, 'T', evaluator);
    return { code: `${binding}(${key.code})`, type: 'number' };
  }

  private checkLookupKey(name: string, def: Extract<TableDefinition, { kind: 'lookup' }>, key: Typed): void {
    if (key.type === 'boolean')
      this.fail(`lookup() key must be a string or a number, but ${this.describe(key)} is a boolean`);
    const entries = def.entries;
    if (key.constant !== undefined) {
      if (!Object.hasOwn(entries, String(key.constant))) {
        this.fail(`table "${name}" has no entry for ${JSON.stringify(String(key.constant))}`);
      }
      return;
    }
    if (key.values === undefined) return;
    const missing = [...key.values].filter((value) => !Object.hasOwn(entries, value));
    if (missing.length > 0) {
      this.fail(`table "${name}" has no entry for ${quoteList(missing)}, which ${this.describe(key)} can take`);
    }
  }

  private roundWith(args: RawNode[]): Typed {
    this.arity('roundWith', args, 2);
    const name = this.nameArgument('roundWith', args[0], 'rounding');
    const def = this.env.roundings.get(name);
    if (def === undefined) this.fail(`unknown rounding "${name}"${suggestion(name, this.env.roundings.keys())}`);
    const value = this.expectType(this.compile(args[1]!), 'number', 'roundWith()');
    const rounding = cached(roundingCache, this.env, name, () => createRounding(def, `roundings.${name}`));
    this.roundings.add(name);
    const binding = this.bind(`rounding:${name}`, 'R', rounding);
    return { code: `${binding}(${value.code})`, type: 'number' };
  }
}

const KNOWN_FUNCTIONS: readonly string[] = [
  ...MATH_1.keys(),
  'min',
  'max',
  'pow',
  'clamp',
  'oneOf',
  'lookup',
  'band',
  'interpolate',
  'roundWith',
];

function parseSource(source: string, path: string): RawNode {
  try {
    return math.parse(source) as unknown as RawNode;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ExpressionError(path, 'expression is nested too deeply to parse');
    }
    // mathjs's message already ends with the position, e.g. "Unexpected end of expression (char 5)".
    throw new ExpressionError(path, `syntax error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Parses, checks and type-checks a mathjs-syntax expression and compiles it to a plain JavaScript function.
 * Throws ExpressionError naming `path` for anything outside the grammar in README.md.
 */
export function compileExpression<T extends number | boolean | string>(
  source: string,
  path: string,
  expected: ValueType,
  env: ExpressionEnvironment,
): CompiledExpression<T> {
  if (typeof source !== 'string') throw new ExpressionError(path, 'expression must be a string');
  if (!VALUE_TYPES.has(expected)) throw new ExpressionError(path, `unknown expected type ${JSON.stringify(expected)}`);
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new ExpressionError(path, `expression is longer than ${MAX_SOURCE_LENGTH} characters (${source.length})`);
  }
  if (source.trim() === '') throw new ExpressionError(path, 'empty expression');

  const compiler = new Compiler(source, path, env);
  const root = compiler.compile(parseSource(source, path));
  if (root.type !== expected) {
    throw new ExpressionError(path, `expression is a ${root.type}, but a ${expected} is expected`);
  }

  const temps = Array.from({ length: compiler.temps }, (_, i) => `t${i}`);
  const lines = [
    ...(temps.length > 0 ? [`var ${temps.join(', ')};`] : []),
    `var r = ${root.code};`,
    // A division by zero or a log of zero is a model bug; catching it here keeps it out of a premium. r - r is NaN
    // exactly when r is NaN or infinite, and needs no global lookup.
    ...(expected === 'number' ? ['if (r - r !== 0) E();'] : []),
    'return r;',
  ];
  const javascript = `function (f, d, x) {\n  ${lines.join('\n  ')}\n}`;
  const fail = (): never => {
    throw new ExpressionError(path, 'evaluated to a non-finite number');
  };
  const evaluate = linkExpression<CompiledExpression<T>['evaluate']>(
    path,
    javascript,
    fail,
    compiler.bindingNames,
    compiler.bindingValues,
  );

  return {
    source,
    path,
    type: expected,
    symbols: compiler.symbols,
    tables: compiler.tables,
    roundings: compiler.roundings,
    constants: compiler.constantsRead,
    javascript,
    evaluate,
  };
}
