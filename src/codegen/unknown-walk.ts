import { generate } from './generate';
import { IDENTIFIER, INHERITED } from './identifiers';

/** One posture field of a model's unknown-answer table, in walking order. */
export interface WalkedField {
  path: string;
  segments: readonly string[];
  handling: { assume: unknown };
  /** The parent answer that makes the field applicable, and the values that do; null when always applicable. */
  parentSegments: readonly string[] | null;
  applicableIn: readonly unknown[];
}

/**
 * Fills `filled` from `posture` field by field, reporting each unknown and each moot field by its index in
 * `fields`; answers how many fields were applicable. `assumed` turns a field's `handling.assume` into the answer
 * it is scored as.
 */
export type UnknownWalk<Field extends WalkedField> = (
  posture: unknown,
  filled: Record<string, unknown>,
  asOf: string,
  fields: readonly Field[],
  assumed: (assume: unknown, asOf: string) => unknown,
  unknown: (index: number, assumed: unknown) => void,
  moot: (index: number) => void,
) => number;

/**
 * The walk as straight-line code: reading and writing each field's path by name at run time is a keyed access V8
 * cannot specialise (megamorphic loads and stores, some sixty fields a rating), where `v.access` is a plain
 * property access. Reads stop at a missing or non-object parent, as a path walk does; writes create the parents,
 * which in `filled` are only ever objects this walk made (no field's path runs through another field).
 */
export function compileUnknownWalk<Field extends WalkedField>(
  label: string,
  fields: readonly Field[],
): UnknownWalk<Field> {
  const paths = new Set(fields.map((field) => field.segments.join('.')));
  for (const field of fields) {
    for (const segment of [...field.segments, ...(field.parentSegments ?? [])]) {
      if (!IDENTIFIER.test(segment) || INHERITED.has(segment))
        throw new Error(`posture field ${field.path}: bad segment`);
    }
    for (let end = 1; end < field.segments.length; end += 1) {
      if (paths.has(field.segments.slice(0, end).join('.'))) throw new Error(`posture field ${field.path} is nested`);
    }
  }
  const read = (root: string, segments: readonly string[]) => [
    `v = ${root};`,
    ...segments.map((segment) => `v = v !== null && typeof v === 'object' ? v.${segment} : undefined;`),
  ];
  const write = (segments: readonly string[], value: string) => [
    'o = f;',
    ...segments.slice(0, -1).map((segment) => `o = o.${segment} ?? (o.${segment} = {});`),
    `o.${segments.at(-1)} = ${value};`,
  ];
  const lines = fields.flatMap((field, index) => {
    const assume = `A(F[${index}].handling.assume, asOf)`;
    const walk = [
      'n += 1;',
      ...read('p', field.segments),
      `if (v === null || v === undefined) { v = ${assume}; U(${index}, v); }`,
      ...write(field.segments, 'v'),
    ];
    if (!field.parentSegments) return walk;
    return [
      ...read('f', field.parentSegments),
      `if (!F[${index}].applicableIn.includes(v)) { M(${index}); ${write(field.segments, assume).join(' ')} } else {`,
      ...walk,
      '}',
    ];
  });
  return generate<UnknownWalk<Field>>(
    'unknown-walk',
    label,
    ['p', 'f', 'asOf', 'F', 'A', 'U', 'M'],
    `"use strict";\nlet v, o, n = 0;\n${lines.join('\n')}\nreturn n;`,
  );
}
