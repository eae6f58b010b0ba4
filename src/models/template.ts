/** A reason template split once at model load: literal text around `{value}`, `{points}` and `{maxPoints}`. */
export interface ReasonTemplate {
  /** One more literal than slots: literals[0] slot[0] literals[1] slot[1] ... literals[n]. */
  literals: readonly string[];
  slots: readonly ('value' | 'points' | 'maxPoints')[];
}

const PLACEHOLDER = /\{(value|points|maxPoints)\}/g;

export function compileReasonTemplate(template: string): ReasonTemplate {
  const literals: string[] = [];
  const slots: ReasonTemplate['slots'][number][] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    literals.push(template.slice(last, match.index));
    slots.push(match[1] as ReasonTemplate['slots'][number]);
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  return { literals, slots };
}
