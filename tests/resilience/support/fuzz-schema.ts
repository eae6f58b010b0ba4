/**
 * A small JSON Schema → fast-check generator for the OpenAPI document's request schemas. It covers what zod-openapi
 * emits (type lists, enum, const, properties/required, additionalProperties, items, bounds, pattern, allOf/anyOf/
 * oneOf, $ref into components.schemas, uuid/date/date-time formats); no maintained package that does this is
 * installed, and the fuzzer must not add dependencies.
 */
import fc from 'fast-check';

export type JsonSchema = { [keyword: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation in the document, as `METHOD /path/{param}` with its definition. */
export function documentOperations(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
      .map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        operation,
      })),
  );
}

export type DocumentOperation = ReturnType<typeof documentOperations>[number];

const REF_PREFIX = '#/components/schemas/';

// Deep enough for every request schema in the document; past it objects keep only their required fields.
const MAX_DEPTH = 8;
// Arrays stay short: a schema-made request is for reaching validation, not for load.
const MAX_GENERATED_ITEMS = 3;

const isoDate = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2035, 11, 31) })
  .map((time) => new Date(time).toISOString().slice(0, 10));
const isoDateTime = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2035, 11, 31) })
  .map((time) => new Date(time).toISOString());

export class SchemaGenerator {
  // Building an arbitrary costs far more than drawing from it (a pattern's takes milliseconds), so each is built once.
  private readonly built = new Map<JsonSchema, fc.Arbitrary<unknown>[]>();

  constructor(private readonly schemas: Record<string, JsonSchema>) {}

  /** The schema with $ref followed and allOf merged, so callers see one flat set of keywords. */
  resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let hops = 0; typeof current.$ref === 'string'; hops += 1) {
      const ref = current.$ref as string;
      if (!ref.startsWith(REF_PREFIX) || hops > 20) throw new Error(`unsupported $ref ${ref}`);
      const { $ref: _ref, ...siblings } = current;
      const target = this.schemas[ref.slice(REF_PREFIX.length)];
      if (!target) throw new Error(`unknown $ref ${ref}`);
      current = { ...target, ...siblings };
    }
    if (Array.isArray(current.allOf)) {
      const { allOf, ...rest } = current;
      return (allOf as JsonSchema[]).map((member) => this.resolve(member)).reduce(mergeSchemas, rest);
    }
    return current;
  }

  /** Values the schema accepts (within what a JSON Schema can say; domain rules are not known here). */
  arbitrary(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const byDepth = this.built.get(schema) ?? [];
    this.built.set(schema, byDepth);
    byDepth[depth] ??= this.build(schema, depth);
    return byDepth[depth];
  }

  private build(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const resolved = this.resolve(schema);
    if ('const' in resolved) return fc.constant(resolved.const);
    if (Array.isArray(resolved.enum)) return fc.constantFrom(...(resolved.enum as unknown[]));
    const alternatives = (resolved.oneOf ?? resolved.anyOf) as JsonSchema[] | undefined;
    if (alternatives) return fc.oneof(...alternatives.map((member) => this.arbitrary(member, depth + 1)));
    const types = typesOf(resolved);
    if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
    return fc.oneof(...types.map((type) => this.ofType(resolved, type, depth)));
  }

  private ofType(schema: JsonSchema, type: string, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({
          min: Math.ceil(Math.max(boundOf(schema, 'minimum', 'exclusiveMinimum', 1), -1_000_000_000)),
          max: Math.floor(Math.min(boundOf(schema, 'maximum', 'exclusiveMaximum', -1), 1_000_000_000)),
        });
      case 'number':
        return fc.double({
          min: Math.max(boundOf(schema, 'minimum', 'exclusiveMinimum', Number.EPSILON), -1e9),
          max: Math.min(boundOf(schema, 'maximum', 'exclusiveMaximum', -Number.EPSILON), 1e9),
          noNaN: true,
          noDefaultInfinity: true,
        });
      case 'string':
        return stringFor(schema);
      case 'array': {
        const minLength = Number(schema.minItems ?? 0);
        const maxLength = Math.max(minLength, Math.min(Number(schema.maxItems ?? MAX_GENERATED_ITEMS), minLength + 2));
        const items = (schema.items as JsonSchema | undefined) ?? {};
        return fc.array(this.arbitrary(items, depth + 1), { minLength, maxLength });
      }
      case 'object':
        return this.objectFor(schema, depth);
      default:
        throw new Error(`unsupported JSON Schema type ${type}`);
    }
  }

  private objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    const shallow = depth >= MAX_DEPTH;
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, property] of Object.entries(properties)) {
      if (shallow && !required.has(name)) continue;
      model[name] = this.arbitrary(property, depth + 1);
    }
    const known = fc.record(model, { requiredKeys: [...required].filter((name) => name in model) });
    const extra = schema.additionalProperties;
    if (extra === false || extra === undefined || shallow) return known;
    const extraValues = extra === true ? {} : (extra as JsonSchema);
    return fc
      .tuple(
        known,
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !(key in properties) && key !== '__proto__'),
          this.arbitrary(extraValues, depth + 1),
          { maxKeys: 2 },
        ),
      )
      .map(([fixed, more]) => ({ ...more, ...(fixed as object) }));
  }

  /**
   * The schema of the value at `path` inside a value of `schema`, or undefined where the schema says nothing
   * (alternatives are tried in order, so the first that knows the property answers).
   */
  at(schema: JsonSchema, path: readonly (string | number)[]): JsonSchema | undefined {
    if (path.length === 0) return schema;
    const resolved = this.resolve(schema);
    const [head, ...rest] = path as [string | number, ...(string | number)[]];
    for (const member of (resolved.oneOf ?? resolved.anyOf ?? []) as JsonSchema[]) {
      const found = this.at(member, path);
      if (found) return found;
    }
    if (typeof head === 'number') {
      const items = resolved.items as JsonSchema | undefined;
      return items ? this.at(items, rest) : undefined;
    }
    const property = (resolved.properties as Record<string, JsonSchema> | undefined)?.[head];
    if (property) return this.at(property, rest);
    const extra = resolved.additionalProperties;
    return extra && typeof extra === 'object' ? this.at(extra as JsonSchema, rest) : undefined;
  }
}

function mergeSchemas(into: JsonSchema, member: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...member, ...into };
  if (into.properties || member.properties) {
    merged.properties = { ...(member.properties as object), ...(into.properties as object) };
  }
  if (into.required || member.required) {
    merged.required = [...new Set([...((into.required ?? []) as string[]), ...((member.required ?? []) as string[])])];
  }
  return merged;
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties || schema.additionalProperties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

/** A numeric bound, where `exclusive` (a number in 2020-12) moves the bound inwards by `step`. */
function boundOf(schema: JsonSchema, inclusive: string, exclusive: string, step: number): number {
  if (typeof schema[exclusive] === 'number') return (schema[exclusive] as number) + step;
  if (typeof schema[inclusive] === 'number') return schema[inclusive] as number;
  return step > 0 ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Number(schema.maxLength ?? Math.max(minLength, 40));
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength;
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return isoDate;
    case 'date-time':
      return isoDateTime;
  }
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) });
}
