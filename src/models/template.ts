import { compileReasonRenderer } from '../codegen/reason-template';
import type { ReasonTemplate } from '../domain/model/compiled';

const round2 = (value: number) => Math.round(value * 100) / 100;

/** How a value reads in a reason: whole numbers as they are, fractions to two decimals. */
export function formatTemplateValue(value: number | boolean | string): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(round2(value));
  return String(value);
}

/**
 * A factor's reason template (`{value}`, `{points}` and `{maxPoints}` in literal text), compiled once at model
 * load into a function that renders it. Rating renders some seventy reasons per applicant; one straight-line
 * concatenation per factor costs a fraction of walking the split template on every rating.
 */
export function compileReasonTemplate(template: string, maxPoints: number, label: string): ReasonTemplate {
  // A factor's maximum never changes, so it is written into the text once, here.
  const text = template.replaceAll('{maxPoints}', formatTemplateValue(maxPoints));
  return { render: compileReasonRenderer(label, text, formatTemplateValue) };
}
