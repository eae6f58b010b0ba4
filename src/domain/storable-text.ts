import type { FieldProblem } from './field-problems';
import { formatPath } from './paths';

const NUL = 'text must not contain NUL (U+0000): it cannot be stored';
const SURROGATE = 'text must not contain an unpaired surrogate (U+D800 to U+DFFF): it is not Unicode text';

function problemWith(text: string): string | undefined {
  if (text.includes('\u0000')) return NUL;
  if (!text.isWellFormed()) return SURROGATE;
  return undefined;
}

/**
 * Every string of a parsed JSON value, property names included, that PostgreSQL could not store as sent: NUL is
 * refused by its text type, and a lone surrogate would reach it as U+FFFD. Paths are written as field problems
 * are (`options[0].name`), so a client can switch on them alike.
 */
export function unstorableText(value: unknown, prefix?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const path: (string | number)[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      const message = problemWith(node);
      if (message) problems.push({ path: formatPath(path, prefix) || '(body)', message });
    } else if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        path.push(index);
        visit(node[index]);
        path.pop();
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        path.push(key);
        const message = problemWith(key);
        if (message) problems.push({ path: formatPath(path, prefix), message });
        visit(child);
        path.pop();
      }
    }
  };
  visit(value);
  return problems;
}

/**
 * Whether JSON text may hold a string `unstorableText` refuses: raw NUL and raw lone surrogates cannot appear in
 * valid JSON text that was valid UTF-8, so only their escapes can. Lets a large body skip the walk.
 */
export const mayHoldUnstorableText = (json: string): boolean => /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/.test(json);
