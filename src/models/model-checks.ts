import { POSTURE_FIELD_BY_PATH, POSTURE_FIELDS, type PostureField } from '../domain/facts/posture-fields';
import type { RatingModelDocument, UnknownHandlingDefinition } from '../domain/model/document';
import { DOMAINS, TIERS } from '../domain/model/document';
import { formatPath } from '../domain/paths';
import {
  APPLICANT_ROLES,
  CERTIFICATION_SCHEMES,
  CRITICALITIES,
  DATA_TYPES,
  DEVICE_CATEGORIES,
  FRAMEWORK_NAMES,
  SECTORS,
} from '../domain/posture/enums';
import { ModelError } from './errors';

/** Closed sets a lookup table may be keyed by; such a table must cover every member. */
export const CLOSED_SETS: Readonly<Record<string, readonly string[]>> = {
  sector: SECTORS,
  role: APPLICANT_ROLES,
  deviceCategory: DEVICE_CATEGORIES,
  criticality: CRITICALITIES,
  dataType: DATA_TYPES,
  certificationScheme: CERTIFICATION_SCHEMES,
  framework: FRAMEWORK_NAMES,
  tier: TIERS,
  domain: DOMAINS,
};

/** The bounds of any rating-model document; the shipped model stays far inside them (depth 6, 69 items). */
export const DOCUMENT_LIMITS = { depth: 32, items: 10_000, magnitude: Number.MAX_SAFE_INTEGER } as const;

// Keys that name the machinery of JavaScript objects rather than anything in the format. zod drops `__proto__`
// from records silently (and from the route's body), so the document would not be the one that was hashed.
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Structural limits checked before the schema, on the document as parsed from JSON: no key that reaches an object's
 * prototype, bounded nesting (nothing in the format is deep, and deep input would make validators recurse), no array
 * or object with more items than any table needs (an enormous one only costs time to compile and to rate), and no
 * number beyond 2^53 (premiums are integer minor units, and such a factor or limit makes them overflow). Walks with
 * its own stack, so a deep document cannot overflow the call stack.
 */
export function checkDocumentShape(input: unknown): void {
  const pending: { value: unknown; path: readonly (string | number)[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'number') {
      if (!(Math.abs(value) <= DOCUMENT_LIMITS.magnitude)) {
        throw new ModelError(
          formatPath(path) || '(document)',
          Number.isFinite(value)
            ? `${value} is beyond ±${DOCUMENT_LIMITS.magnitude}: too large for any rate, limit or count`
            : `must be a finite number, not ${value} (a JSON number beyond about 1.8e308 overflows)`,
        );
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const where = formatPath(path) || '(document)';
    if (path.length >= DOCUMENT_LIMITS.depth) {
      throw new ModelError(where, `nested more than ${DOCUMENT_LIMITS.depth} levels deep`);
    }
    const count = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (count > DOCUMENT_LIMITS.items) {
      throw new ModelError(where, `holds ${count} items; at most ${DOCUMENT_LIMITS.items} are allowed`);
    }
    const children: [string | number, unknown][] = Array.isArray(value)
      ? value.map((child, index) => [index, child])
      : Object.entries(value);
    for (const [key, child] of children) {
      if (typeof key === 'string' && RESERVED_KEYS.has(key)) {
        throw new ModelError(formatPath([...path, key]), `"${key}" is not allowed as a key`);
      }
      pending.push({ value: child, path: [...path, key] });
    }
  }
}

export function checkTables(document: RatingModelDocument): void {
  for (const [name, table] of Object.entries(document.tables)) {
    if (table.kind !== 'lookup' || table.keyedBy === undefined) continue;
    // hasOwn: a keyedBy such as "constructor" would otherwise find Object.prototype's and be taken for a set.
    const members = Object.hasOwn(CLOSED_SETS, table.keyedBy) ? CLOSED_SETS[table.keyedBy] : undefined;
    const path = `tables.${name}`;
    if (!members) {
      throw new ModelError(
        `${path}.keyedBy`,
        `unknown closed set "${table.keyedBy}" (${Object.keys(CLOSED_SETS).join(', ')})`,
      );
    }
    for (const member of members) {
      if (!Object.hasOwn(table.entries, member)) {
        throw new ModelError(
          `${path}.entries`,
          `misses ${table.keyedBy} "${member}": a table keyed by a closed set covers every member`,
        );
      }
    }
    for (const key of Object.keys(table.entries)) {
      if (!members.includes(key)) throw new ModelError(`${path}.entries.${key}`, `"${key}" is not a ${table.keyedBy}`);
    }
  }
}

type Answer = boolean | number | string | readonly never[] | { daysBeforeRating: number };

/** Whether a literal answer is one the posture field could hold. */
export function fitsField(field: PostureField, value: unknown): boolean {
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'enum':
      return typeof value === 'string' && (field.values ?? []).includes(value);
    case 'date':
      return typeof value === 'object' && value !== null && 'daysBeforeRating' in value;
    case 'list':
      return Array.isArray(value) && value.length === 0;
  }
}

function checkCondition(path: string, condition: { field: string; in: readonly (string | boolean)[] }): PostureField {
  const parent = POSTURE_FIELD_BY_PATH.get(condition.field);
  if (!parent) throw new ModelError(`${path}.field`, `unknown posture field "${condition.field}"`);
  condition.in.forEach((value, index) => {
    if (!fitsField(parent, value)) {
      throw new ModelError(`${path}.in[${index}]`, `${JSON.stringify(value)} is not an answer of ${parent.path}`);
    }
  });
  return parent;
}

/** The unknown-answer table covers every posture field, with assumptions of the right kind. */
export function checkUnknowns(document: RatingModelDocument): void {
  for (const field of POSTURE_FIELDS) {
    const handling = document.unknowns[field.path];
    const path = `unknowns.${field.path}`;
    if (!handling)
      throw new ModelError('unknowns', `misses posture field "${field.path}": say how an unknown answer is scored`);
    if (!fitsField(field, handling.assume as Answer)) {
      throw new ModelError(
        `${path}.assume`,
        `${JSON.stringify(handling.assume)} is not a possible answer of a ${field.kind} field`,
      );
    }
    if (handling.applicableWhen) {
      checkCondition(`${path}.applicableWhen`, handling.applicableWhen);
      if (document.unknowns[handling.applicableWhen.field]?.applicableWhen) {
        throw new ModelError(
          `${path}.applicableWhen.field`,
          'the parent field may not itself depend on another answer',
        );
      }
    }
  }
  for (const path of Object.keys(document.unknowns)) {
    if (!POSTURE_FIELD_BY_PATH.has(path)) throw new ModelError(`unknowns.${path}`, 'not a posture field');
  }
}

/** Fields without a condition first, so a parent's answer is settled before the fields it makes moot. */
export function orderUnknowns(document: RatingModelDocument): ReadonlyMap<string, UnknownHandlingDefinition> {
  const entries = POSTURE_FIELDS.map((field) => [field.path, document.unknowns[field.path]!] as const);
  return new Map([
    ...entries.filter(([, handling]) => !handling.applicableWhen),
    ...entries.filter(([, handling]) => handling.applicableWhen),
  ]);
}

/** The improvement order covers every posture field, in a form that fits the field. */
export function checkImprovements(document: RatingModelDocument): void {
  for (const field of POSTURE_FIELDS) {
    const improvement = document.improvements[field.path];
    const path = `improvements.${field.path}`;
    if (!improvement) {
      throw new ModelError(
        'improvements',
        `misses posture field "${field.path}": give its order or say why it is neutral`,
      );
    }
    if ('neutral' in improvement) continue;
    if ('order' in improvement) {
      const expected =
        field.kind === 'boolean' ? [false, true] : field.kind === 'enum' ? (field.values ?? []) : undefined;
      if (!expected)
        throw new ModelError(`${path}.order`, `a ${field.kind} field is ordered by steps, not by an order`);
      const sameMembers =
        improvement.order.length === expected.length &&
        expected.every((value) => improvement.order.includes(value as never));
      if (!sameMembers) {
        throw new ModelError(
          `${path}.order`,
          `must list every answer exactly once: ${expected.map(String).join(', ')}`,
        );
      }
    } else if ('better' in improvement) {
      if (field.kind !== 'number') throw new ModelError(`${path}.better`, `only number fields have a better direction`);
      const steps = improvement.steps;
      for (let index = 1; index < steps.length; index += 1) {
        const improving =
          improvement.better === 'lower' ? steps[index]! < steps[index - 1]! : steps[index]! > steps[index - 1]!;
        if (!improving)
          throw new ModelError(
            `${path}.steps[${index}]`,
            `steps go from worst to best (${improvement.better} is better)`,
          );
      }
    } else {
      if (field.kind !== 'date') throw new ModelError(`${path}.recency`, 'only date fields improve by recency');
      const steps = improvement.stepsDays;
      for (let index = 1; index < steps.length; index += 1) {
        if (!(steps[index]! < steps[index - 1]!)) {
          throw new ModelError(`${path}.stepsDays[${index}]`, 'ages go from oldest (worst) to most recent (best)');
        }
      }
    }
    improvement.requires?.forEach((condition, index) => {
      checkCondition(`${path}.requires[${index}]`, condition);
    });
  }
  for (const path of Object.keys(document.improvements)) {
    if (!POSTURE_FIELD_BY_PATH.has(path)) throw new ModelError(`improvements.${path}`, 'not a posture field');
  }
}
