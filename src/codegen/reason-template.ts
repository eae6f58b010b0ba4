import { generateBound } from './generate';

const PLACEHOLDER = /\{(value|points)\}/g;

/** Renders a reason: `{value}` and `{points}` in `text` are filled in, each through `format`. */
export type ReasonRenderer = (value: number | boolean | string, points: number) => string;

/**
 * A reason template (`{value}` and `{points}` in literal text) as one straight-line concatenation. Literals enter
 * the generated code only as JSON string literals, and slots only as one of two parameter names, so no text of
 * the model is ever code.
 */
export function compileReasonRenderer(
  label: string,
  text: string,
  format: (value: number | boolean | string) => string,
): ReasonRenderer {
  const literals: string[] = [];
  const slots: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    literals.push(text.slice(last, match.index));
    slots.push(match[1]!);
    last = match.index + match[0].length;
  }
  literals.push(text.slice(last));
  const terms = [JSON.stringify(literals[0])];
  for (const [index, slot] of slots.entries()) terms.push(`format(${slot})`, JSON.stringify(literals[index + 1]));
  return generateBound<ReasonRenderer>(
    'reason-template',
    label,
    ['format'],
    `"use strict";\nreturn function (value, points) { return ${terms.join(' + ')}; };`,
    [format],
  );
}
