import type { z } from 'zod';
import { formatPath } from './paths';

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Turns zod issues into `{ path, message }` pairs, `(body)` for the whole document. An unknown property is
 * reported at its own path, so a client sees which key to remove rather than only the object that held it.
 */
export function fieldProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  const at = (path: readonly PropertyKey[]) => formatPath(path, prefix) || '(body)';
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ path: at([...issue.path, key]), message: 'unknown field: not part of this schema' });
      }
      continue;
    }
    problems.push({ path: at(issue.path), message: issue.message });
  }
  return problems;
}
