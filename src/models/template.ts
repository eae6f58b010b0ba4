import type { ReasonTemplate } from '../domain/model/compiled';

/**
 * Rating renders some seventy reasons per applicant; one straight-line concatenation per factor costs a fraction
 * of walking the split template on every rating.
 */
const PLACEHOLDER = /\{(value|points)\}/g;

const round2 = (value: number) => Math.round(value * 100) / 100;

/** How a value reads in a reason: whole numbers as they are, fractions to two decimals. */
export function formatTemplateValue(value: number | boolean | string): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(round2(value));
  return String(value);
}

export function compileReasonTemplate(template: string, maxPoints: number): ReasonTemplate {
  const literals: string[] = [];
  const slots: string[] = [];
  let last = 0;
  // A factor's maximum never changes, so it is written into the text once, here.
  const text = template.replaceAll('{maxPoints}', formatTemplateValue(maxPoints));
  for (const match of text.matchAll(PLACEHOLDER)) {
    literals.push(text.slice(last, match.index));
    slots.push(match[1]!);
    last = match.index + match[0].length;
  }
  literals.push(text.slice(last));
  // Literals enter the generated code only as JSON string literals, and slots only as one of two parameter
  // names, so no text of the model is ever code.
  const terms = [JSON.stringify(literals[0])];
  for (const [index, slot] of slots.entries()) terms.push(`format(${slot})`, JSON.stringify(literals[index + 1]));
  const render = new Function(
    'format',
    `"use strict";\nreturn function (value, points) { return ${terms.join(' + ')}; };`,
  )(formatTemplateValue) as ReasonTemplate['render'];
  return { render };
}
