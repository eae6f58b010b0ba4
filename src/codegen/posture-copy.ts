import { generate } from './generate';
import { IDENTIFIER } from './identifiers';

/** One scalar posture answer and the fact it is copied to. */
export interface CopiedField {
  /** The field's path, for messages. */
  path: string;
  /** The path read from the resolved posture, segment by segment. */
  segments: readonly string[];
  fact: string;
  /** A date, copied as its age in days on the rating date (never negative). */
  asAgeInDays: boolean;
}

/** Copies every field into its fact; `days(from, to)` counts the days between two ISO dates. */
export type PostureCopy<Facts> = (
  posture: Record<string, unknown>,
  facts: Facts,
  asOf: string,
  days: (from: string, to: string) => number,
) => void;

/**
 * Copies every scalar posture answer to its fact, as straight-line code generated once from the posture's fields:
 * walking each field's path by name at run time is a keyed access V8 cannot specialise (a megamorphic load per
 * segment and a megamorphic store per fact, for some sixty fields per rating), where `p.access.mfa.admin` and
 * `f.mfaAdmin` are plain property accesses on the resolved posture's and the facts' fixed shapes.
 */
export function compilePostureCopy<Facts>(label: string, fields: readonly CopiedField[]): PostureCopy<Facts> {
  const lines = fields.map((field) => {
    for (const name of [...field.segments, field.fact]) {
      if (!IDENTIFIER.test(name)) throw new Error(`posture field ${field.path}: ${name} is not an identifier`);
    }
    const value = `p.${field.segments.join('.')}`;
    return `f.${field.fact} = ${field.asAgeInDays ? `Math.max(0, days(${value}, asOf))` : value};`;
  });
  return generate<PostureCopy<Facts>>(
    'posture-copy',
    label,
    ['p', 'f', 'asOf', 'days'],
    `"use strict";\n${lines.join('\n')}`,
  );
}
