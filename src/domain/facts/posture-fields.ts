import type { z } from 'zod';
import { Posture } from '../posture';

/**
 * Every answerable posture field, found by walking the posture schema once at start-up, so the list of facts,
 * the model's unknown-answer table and its improvement order can never drift from the public contract.
 */
export type PostureFieldKind = 'number' | 'boolean' | 'enum' | 'date' | 'list';

export interface PostureField {
  /** Dotted path in the posture, e.g. `access.mfa.remote`: the name models and responses use. */
  path: string;
  segments: readonly string[];
  kind: PostureFieldKind;
  /** For enums, the closed set in schema order. */
  values?: readonly string[];
  /** The fact an expression reads for a scalar field; lists feed aggregate facts instead. */
  fact?: string;
  description: string;
}

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  format?: string;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      current = def.in;
    } else {
      return current;
    }
  }
}

function descriptionOf(schema: z.ZodType): string {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const description = (current as unknown as { description?: string }).description;
    if (description) return description;
    const def = defOf(current);
    current = def.innerType ?? def.in;
  }
  return '';
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function factName(segments: readonly string[], kind: PostureFieldKind): string {
  // Section names are dropped (field names are unique across sections); nested objects prefix their parent.
  const [, ...rest] = segments;
  const base = rest.map((segment, index) => (index === 0 ? segment : capitalise(segment))).join('');
  return kind === 'date' ? `${base}AgeDays` : base;
}

function collect(schema: z.ZodType, segments: string[], out: PostureField[]): void {
  const inner = unwrap(schema);
  const def = defOf(inner);
  const path = segments.join('.');
  const description = descriptionOf(schema);
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape ?? {})) collect(child, [...segments, key], out);
      return;
    case 'array':
      out.push({ path, segments, kind: 'list', description });
      return;
    case 'boolean':
    case 'number':
      out.push({ path, segments, kind: def.type, fact: factName(segments, def.type), description });
      return;
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      out.push({ path, segments, kind: 'enum', values, fact: factName(segments, 'enum'), description });
      return;
    }
    case 'string':
      if (def.format === 'date') {
        out.push({ path, segments, kind: 'date', fact: factName(segments, 'date'), description });
        return;
      }
      throw new Error(`posture field ${path}: free-text strings cannot be rated`);
    default:
      throw new Error(`posture field ${path}: unsupported schema type ${def.type}`);
  }
}

function buildFields(): readonly PostureField[] {
  const out: PostureField[] = [];
  for (const [section, schema] of Object.entries(defOf(Posture).shape ?? {})) collect(schema, [section], out);
  return out;
}

export const POSTURE_FIELDS: readonly PostureField[] = buildFields();
export const POSTURE_FIELD_BY_PATH: ReadonlyMap<string, PostureField> = new Map(
  POSTURE_FIELDS.map((field) => [field.path, field]),
);
