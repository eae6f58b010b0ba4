/**
 * The one place src/ turns text into code. Every generator in this folder builds its source from allow-listed
 * names and JSON literals and hands it here, so the source of every generated function can be read back: by the
 * function (`generatedSource`), or as it is made (`onGenerated`, which `scripts/print-generated.ts` uses).
 */
export interface GeneratedSource {
  /** Which generator made it, e.g. `fixed-shape` or `expression`. */
  kind: string;
  /** What it was generated from, e.g. a fact name or an expression's path in the model. */
  label: string;
  parameters: readonly string[];
  body: string;
}

// Keyed weakly, so a generated function and its text go together; the functions themselves are left untouched
// (no property is added to them), so their shapes are what V8 would see without this.
const sources = new WeakMap<object, GeneratedSource>();
let listener: ((source: GeneratedSource) => void) | null = null;

/** Compiles `body` as a function of `parameters`. */
export function generate<F>(kind: string, label: string, parameters: readonly string[], body: string): F {
  const compiled = new Function(...parameters, body);
  const source: GeneratedSource = { kind, label, parameters, body };
  sources.set(compiled, source);
  listener?.(source);
  return compiled as F;
}

/**
 * Compiles `body` as a factory over `parameters` and calls it with `values`: how generated code is given the few
 * functions and tables it calls, as closure variables rather than lookups. The function it returns is what is
 * registered.
 */
export function generateBound<F>(
  kind: string,
  label: string,
  parameters: readonly string[],
  body: string,
  values: readonly unknown[],
): F {
  const factory = new Function(...parameters, body) as (...bound: unknown[]) => F;
  const produced = factory(...values);
  const source: GeneratedSource = { kind, label, parameters, body };
  sources.set(produced as object, source);
  listener?.(source);
  return produced;
}

/** The source a generated function was compiled from, if this folder generated it. */
export function generatedSource(compiled: object): GeneratedSource | undefined {
  return sources.get(compiled);
}

/** Calls `next` with each source generated from now on (`null` stops); for tools that print the generated code. */
export function onGenerated(next: ((source: GeneratedSource) => void) | null): void {
  listener = next;
}
